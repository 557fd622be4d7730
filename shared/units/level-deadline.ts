/** A period's deadlines: the period's own (the prefectures' to the province) and those of the levels below, by level code. */
export interface PeriodDeadlines {
  deadline: string | null;
  levelDeadlines: Readonly<Record<string, string>>;
}

/**
 * The deadline a unit of this level reports by: its level's own when the period sets one (a
 * county's to its prefecture, earlier than the prefecture's), else the period's. Every place a unit
 * sees its deadline (the period's answer for it, completeness, the pane's 逾期 and days left) uses this.
 */
export function deadlineFor(period: PeriodDeadlines, levelCode: string): string | null {
  return Object.hasOwn(period.levelDeadlines, levelCode) ? (period.levelDeadlines[levelCode] as string) : period.deadline;
}
