import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { messageOf } from "../logic/issue-list.ts";
import type { SheetIssues } from "../logic/issue-list.ts";
import type { IssueListing, WorkbookProgress } from "../logic/report-view-state.ts";
import { h } from "./dom.ts";
import { explanationField } from "./explanation-field.ts";
import type { PaneContext } from "./pane-context.ts";

/** Issues listed per sheet before "show the other N": keeps a keystroke's redraw within a frame on huge reports. */
const ISSUES_SHOWN_PER_SHEET = 100;
/** A sheet with at most this many issues opens expanded; a longer one shows its counts until the clerk opens it. */
const OPEN_SECTION_UP_TO = 5;

/** One sheet's section of the list, kept between redraws; `heading` is what its heading shows. */
interface SheetSection {
  element: HTMLDetailsElement;
  heading: string;
  title: HTMLElement;
  list: HTMLElement;
  more: HTMLButtonElement;
  shown: number;
  touched: boolean;
}

/** An issue's list item, and how to redraw its 讨论 link with the cell's thread count. */
interface IssueItem {
  element: HTMLElement;
  showThread(count: number): void;
}

/**
 * Makes `children` the element's children with as few DOM moves as possible: nodes that stay in
 * place are not detached, so a redraw costs the browser only the style and layout of what changed.
 */
function syncChildren(parent: HTMLElement, children: HTMLElement[]): void {
  const wanted = new Set<Element>(children);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  children.forEach((child, index) => {
    const current = parent.children[index];
    if (current !== child) parent.insertBefore(child, current ?? null);
  });
}

/**
 * The 填报 tab's issue list, drawn from an IssueListing and touching only what changed: nodes that
 * stay are not detached, so the browser re-lays-out only the sheets whose issues changed.
 */
export class IssueListView {
  readonly element = h("div", { class: "issues", id: "issues" });
  readonly summary = h("p", { class: "summary", id: "issue-summary" });
  private readonly sections = new Map<string, SheetSection>();
  /**
   * List items by what they show. A redraw reuses the items of unchanged issues, so a keystroke
   * builds only the items it changed (and an explanation being typed survives a change elsewhere).
   */
  private itemsByContent = new Map<string, IssueItem>();
  /** How many entries each cell's thread holds (教扶04!E7 → 2): an issue on such a cell links to it. */
  private threadCounts: ReadonlyMap<string, number> = new Map();

  constructor(
    private readonly context: PaneContext,
    /** Redraws the whole tab (after "show the other N"). */
    private readonly redraw: () => void,
    /** Opens the 历史 panel on an issue's cell (教扶04!E7). */
    private readonly showHistory?: (address: string) => void,
  ) {}

  /** The unit's threads arrived (or changed): the issues on those cells get their 讨论 link at the next draw. */
  setThreadCounts(counts: ReadonlyMap<string, number>): void {
    this.threadCounts = counts;
  }

  draw(listing: IssueListing, progress: WorkbookProgress, blanksAsErrors: boolean, issueCount: number): void {
    const { t } = this.context;
    // Blank cells are counted as blanks, never inside the errors, so this line agrees with the state line and the submit area.
    const blanks = blanksAsErrors
      ? t("blankCount", { count: progress.blanks })
      : t("progress", { filled: progress.filled, total: progress.total, blanks: progress.blanks });
    const counts = [
      progress.errors ? t("errorCount", { count: progress.errors }) : "",
      listing.warnings ? t("warningCount", { count: listing.warnings }) : "",
      progress.blanks ? blanks : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const summaryText = issueCount === 0 ? t("noIssues") : counts;
    if (this.summary.textContent !== summaryText) this.summary.textContent = summaryText;
    this.summary.className = issueCount === 0 ? "summary ok" : "summary";
    const items = new Map<string, IssueItem>();
    const sections = listing.groups.map((group) => this.section(group, listing.blanksBySheet.get(group.sheetCode) ?? 0, items));
    const notice = blanksAsErrors && progress.blanks > 0 ? [h("p", { class: "message error", id: "blanks-as-errors" }, t("blanksAsErrors"))] : [];
    syncChildren(this.element, [this.summary, ...notice, ...sections]);
    this.itemsByContent = items;
  }

  /** One sheet's collapsible section: its counts in the summary line, its issues inside. */
  private section(group: SheetIssues, blanks: number, items: Map<string, IssueItem>): HTMLElement {
    const section = this.sections.get(group.sheetCode) ?? this.newSection(group.sheetCode);
    const heading = `${group.errorCount}/${group.warningCount}/${group.issues.length}/${blanks}/${section.shown}`;
    if (section.heading !== heading) {
      section.heading = heading;
      this.drawHeading(section, group, blanks);
    }
    syncChildren(
      section.list,
      group.issues.slice(0, section.shown).map((issue) => this.reusedItem(issue, items)),
    );
    return section.element;
  }

  private newSection(sheetCode: string): SheetSection {
    const [title, list] = [h("span", { class: "sheet-title" }), h("ul")];
    const more = h("button", { class: "secondary show-more", hidden: true });
    const element = h("details", { class: "sheet-issues", "data-sheet": sheetCode }, h("summary", {}, title), list, more);
    const created: SheetSection = { element, heading: "", title, list, more, shown: ISSUES_SHOWN_PER_SHEET, touched: false };
    element.addEventListener("toggle", () => (created.touched = true));
    more.addEventListener("click", () => {
      created.shown += ISSUES_SHOWN_PER_SHEET;
      created.heading = "";
      this.redraw();
    });
    this.sections.set(sheetCode, created);
    return created;
  }

  private drawHeading(section: SheetSection, group: SheetIssues, blanks: number): void {
    const { t } = this.context;
    section.title.replaceChildren(
      group.sheetName,
      group.errorCount ? h("span", { class: "badge error", "aria-label": t("errorCount", { count: group.errorCount }) }, String(group.errorCount)) : "",
      group.warningCount
        ? h("span", { class: "badge warning", "aria-label": t("warningCount", { count: group.warningCount }) }, String(group.warningCount))
        : "",
      blanks ? h("span", { class: "badge blank" }, t("blanksLeft", { count: blanks })) : "",
    );
    const hidden = group.issues.length - section.shown;
    section.more.hidden = hidden <= 0;
    section.more.textContent = hidden > 0 ? t("showAll", { count: hidden }) : "";
    if (!section.touched) section.element.open = group.issues.length > 0 && group.issues.length <= OPEN_SECTION_UP_TO;
  }

  private reusedItem(issue: ValidationIssue, items: Map<string, IssueItem>): HTMLElement {
    // Keyed by neither the explanation nor the thread: the item of a warning being explained stays while
    // the clerk types, also when the unit's threads arrive (its 讨论 link is redrawn in place).
    const content = `${issue.ruleId}\u0000${issue.address}\u0000${issue.messageZh}`;
    const item = this.itemsByContent.get(content) ?? this.issueItem(issue);
    item.showThread(this.threadCounts.get(issue.address) ?? 0);
    items.set(content, item);
    return item.element;
  }

  private issueItem(issue: ValidationIssue): IssueItem {
    const { session, t, language, workbook } = this.context;
    const select = () => workbook.selectCell(issue.sheetName, issue.cell).catch(this.context.alert);
    const item = h(
      "li",
      { class: `issue ${issue.severity}`, "data-rule": issue.ruleId, "data-address": issue.address },
      h(
        "button",
        { class: "issue-message", onclick: select },
        h("span", { class: "severity" }, t(issue.severity)),
        " ",
        messageOf(issue, session?.formSet, language),
      ),
    );
    const { showHistory } = this;
    if (showHistory && issue.cell)
      item.append(
        h("button", { class: "link history-link", "aria-label": `${t("history")} ${issue.address}`, onclick: () => showHistory(issue.address) }, t("history")),
      );
    // The 讨论 link, after 历史: drawn (or taken away) in place as the unit's threads change.
    const threadSlot = h("span", { class: "thread-slot" });
    let shownCount = 0;
    const showThread = (count: number) => {
      if (count === shownCount || !showHistory) return;
      shownCount = count;
      const label = t("thread", { count });
      threadSlot.replaceChildren(
        ...(count
          ? [" ", h("button", { class: "link thread-link", "aria-label": `${label} ${issue.address}`, onclick: () => showHistory(issue.address) }, label)]
          : []),
      );
    };
    item.append(threadSlot);
    if (issue.severity === "warning" && session) item.append(explanationField(this.context, session, issue));
    return { element: item, showThread };
  }
}
