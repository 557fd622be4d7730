import { describe, expect, it } from "vitest";
import type { Reminder } from "../../shared/api/api-client.ts";
import { reminderNotice } from "../../addin/logic/reminder-notice.ts";

const reminder = (sentAt: string, pending: boolean, note: string | null = null): Reminder => ({
  id: 1,
  periodCode: "2019",
  unitCode: "370102",
  sentAt,
  sentByName: "济南市教育局",
  note,
  pending,
});

describe("the 催报 banner", () => {
  it("says the newest pending reminder — who, when (Beijing time), the note — and how many are pending", () => {
    const reminders = [
      reminder("2020-01-10T02:00:00.000Z", false),
      reminder("2020-01-16T02:00:00.000Z", true),
      reminder("2020-01-18T02:00:00.000Z", true, "请于 1 月 20 日前报送"),
    ];
    expect(reminderNotice("zh", "2019", reminders)).toBe(
      "催报：济南市教育局 于 2020-01-18 10:00:00 请本单位尽快报送 2019 年报表（未报期间共催报 2 次）。附言：请于 1 月 20 日前报送",
    );
    expect(reminderNotice("en", "2019", reminders.slice(0, 2))).toMatch(
      /^Reminder: 济南市教育局 asked at .* for this unit's 2019 report \(1 reminder since it last submitted\)\. $/,
    );
  });

  it("is gone once the unit has submitted (no reminder pending)", () => {
    expect(reminderNotice("zh", "2019", [reminder("2020-01-10T02:00:00.000Z", false)])).toBeUndefined();
    expect(reminderNotice("zh", "2019", [])).toBeUndefined();
  });
});
