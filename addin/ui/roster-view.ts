import type { RosterReceipt } from "../../shared/api/api-client.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import type { ValidationIssue, ValidationResult } from "../../shared/validate/validate-report.ts";
import type { RosterSession } from "../logic/roster-session.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** Issues listed before "N more": a 10,000-row roster pasted wrong must not lay out 10,000 items a keystroke. */
const ISSUES_SHOWN = 100;

/**
 * The 填报 tab over a roster workbook (教扶10), in the pane and on the page: the issues the engine
 * finds as the clerk types, each naming sheet, cell and rule (a click selects the cell in Excel),
 * and 报送名册 with its receipt. Students are named by cell, never by ID: the receipt's by masked ID.
 */
export class RosterView {
  private container: HTMLElement | undefined;
  private toolbar: HTMLElement | undefined;
  private receipt: RosterReceipt | undefined;
  private sendProblem: string | undefined;
  private sending = false;

  constructor(
    private readonly context: PaneContext,
    private readonly session: RosterSession,
  ) {
    session.onChange(() => this.redraw());
    session.onFailure(context.alert);
    // What the server found against the poverty list: offline, the roster is still checked, without X10.3.
    session.loadUnlisted(context.api).catch((error: unknown) => console.warn("名册有、库无 not loaded / X10.3 not loaded", error));
  }

  render(container: HTMLElement, toolbar?: HTMLElement): void {
    this.container = container;
    this.toolbar = toolbar;
    this.redraw();
  }

  private redraw(): void {
    if (!this.container) return;
    const { check } = this.session;
    const body =
      "problem" in check
        ? [h("p", { class: "message error", id: "roster-problem", role: "alert" }, this.context.t("rosterUnreadable", { detail: this.words(check.problem) }))]
        : [
            h(
              "h2",
              { id: "roster-title" },
              this.context.t("rosterTitle", { unit: unitNameOf(check.roster.unitCode, this.context.language), period: check.roster.period }),
            ),
            this.summary(check.roster.rows.length, check.result),
            this.issueList(check.result),
            this.unlistedList(),
            ...this.submitArea(check.result),
          ];
    this.container.replaceChildren(...(this.toolbar ? [this.toolbar] : []), h("section", { class: "card", id: "roster" }, ...body));
  }

  private words(error: { messageZh: string; messageEn: string }): string {
    return this.context.language === "zh" ? error.messageZh : error.messageEn;
  }

  private summary(students: number, result: ValidationResult): HTMLElement {
    const { t } = this.context;
    if (result.issues.length === 0) return h("p", { class: "summary", id: "roster-summary", role: "status" }, t("rosterNoIssues"));
    const values = { students, errors: result.errorCount, warnings: result.warningCount, unexplained: result.unexplainedWarnings.length };
    return h(
      "p",
      { class: "summary", id: "roster-summary", role: "status" },
      t("rosterSummary", values),
      " ",
      result.warningCount > 0 ? t("rosterExplainHint") : "",
    );
  }

  /** Errors first, then warnings: the rule and the finding in words, which name sheet and cell. */
  private issueList(result: ValidationResult): HTMLElement {
    const ordered = [...result.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    const items = ordered.slice(0, ISSUES_SHOWN).map((issue) => this.issueItem(issue));
    const more = ordered.length - items.length;
    return h(
      "div",
      { class: "issues", id: "roster-issues" },
      h("ul", { class: "issue-list" }, ...items),
      more > 0 ? h("p", { class: "muted", id: "roster-more" }, this.context.t("rosterMoreIssues", { count: more })) : null,
    );
  }

  /**
   * 名册有、库无 (X10.3): the students the server found on no row of the poverty list, each on its row
   * now, explained or not. They do not block the submit (the list may be older than the roster).
   */
  private unlistedList(): HTMLElement | null {
    const issues = this.session.unlistedIssues();
    if (!issues || issues.length === 0) return null;
    const { t } = this.context;
    const explained = issues.filter((issue) => issue.explanation).length;
    return h(
      "div",
      { class: "issues", id: "roster-unlisted" },
      h("p", {}, t("rosterUnlisted", { count: issues.length, explained })),
      h("ul", { class: "issue-list" }, ...issues.slice(0, ISSUES_SHOWN).map((issue) => this.issueItem(issue))),
      issues.length > ISSUES_SHOWN ? h("p", { class: "muted" }, t("rosterMoreIssues", { count: issues.length - ISSUES_SHOWN })) : null,
    );
  }

  /** The engine's words name the sheet and cell ("教扶10!A7 …"); in Excel the cell is also a button that selects it. */
  private issueItem(issue: ValidationIssue): HTMLElement {
    const context = this.context;
    const select =
      context.surface === "pane" && issue.cell
        ? h(
            "button",
            {
              class: "link cell",
              "aria-label": `${issue.sheetName}!${issue.cell}`,
              onclick: () => void context.workbook.selectCell(issue.sheetName, issue.cell).catch(context.alert),
            },
            issue.cell,
          )
        : null;
    return h(
      "li",
      { class: `issue ${issue.severity}`, "data-rule": issue.ruleId, "data-cell": issue.cell },
      h("strong", {}, issue.ruleId),
      " ",
      select,
      select ? " " : null,
      context.language === "zh" ? issue.messageZh : issue.messageEn,
      issue.explanation ? h("span", { class: "muted" }, " ", context.t("rosterExplained")) : null,
    );
  }

  private submitArea(result: ValidationResult): HTMLElement[] {
    const { t } = this.context;
    const button = h(
      "button",
      { class: "primary", id: "roster-submit", disabled: !result.canSubmit || this.sending, onclick: () => void this.submit() },
      t(this.sending ? "rosterSubmitting" : "rosterSubmit"),
    );
    return [
      h("p", { class: "muted" }, result.canSubmit ? t("rosterPrivacy") : t("rosterBlocked")),
      h("div", { class: "actions" }, button),
      ...(this.sendProblem ? [h("p", { class: "message error", id: "roster-submit-error", role: "alert" }, this.sendProblem)] : []),
      ...(this.receipt ? [this.receiptCard(this.receipt)] : []),
    ];
  }

  private receiptCard(receipt: RosterReceipt): HTMLElement {
    const { t, time } = this.context;
    return h(
      "div",
      { class: "message success", id: "roster-receipt", role: "status" },
      h("p", {}, t("rosterSubmitted", { revision: receipt.revision, students: receipt.students, time: time(receipt.submittedAt) })),
      receipt.listUploaded ? h("p", { id: "roster-receipt-unlisted" }, t("rosterReceiptUnlisted", { count: receipt.notOnList.length })) : null,
      ...(receipt.duplicates.length === 0
        ? []
        : [
            h("p", {}, t("rosterDuplicates", { count: receipt.duplicates.length })),
            h(
              "ul",
              { id: "roster-duplicates" },
              ...receipt.duplicates.map((duplicate) => h("li", {}, `${duplicate.maskedId} — ${duplicate.otherUnitCode} ${duplicate.otherUnitName}`)),
            ),
          ]),
    );
  }

  private async submit(): Promise<void> {
    this.sending = true;
    this.sendProblem = undefined;
    this.redraw();
    try {
      this.receipt = await this.session.submit(this.context.api);
    } catch (error) {
      this.sendProblem = this.context.failure(error);
    } finally {
      this.sending = false;
      this.redraw();
    }
  }
}
