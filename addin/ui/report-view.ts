import { regionTable } from "../../shared/regions/region-table.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { ApiError } from "../../shared/api/api-client.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { SubmissionSummary } from "../../shared/api/api-client.ts";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { prefectureLayout } from "../../shared/layout/workbook-layout.ts";
import { messageOf } from "../logic/issue-list.ts";
import { templateSheetNames } from "../workbook/report-blocks.ts";
import type { WorkbookIdentity } from "../workbook/report-workbook.ts";
import { downloadLink, h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** What the queued message says, by where the queue is kept. */
const QUEUED_MESSAGE = { saved: "queuedSaved", unsaved: "queuedUnsaved", "pane-only": "queuedPaneOnly" } as const;

/** Issues listed per sheet before "N more": keeps a keystroke's redraw within a frame on huge reports. */
const ISSUES_SHOWN_PER_SHEET = 100;

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

/** The 填报 tab: a new report from the template, or the live issue list and the submit button. */
export class ReportView {
  private readonly issuesElement = h("div", { class: "issues", id: "issues" });
  private readonly summaryElement = h("p", { class: "summary", id: "issue-summary" });
  /** Each sheet's section of the list, kept between redraws; `heading` is what its heading shows. */
  private readonly sections = new Map<string, { element: HTMLElement; heading: string; title: HTMLElement; list: HTMLElement; more: HTMLElement }>();
  private readonly submitElement = h("div", { class: "submit", id: "submit" });
  private readonly missingElement = h("p", { class: "message error", id: "missing-sheets", role: "alert", hidden: true });
  /**
   * List items by what they show. A redraw reuses the items of unchanged issues, so a keystroke
   * builds only the items it changed (and an explanation being typed survives a change elsewhere).
   */
  private itemsByContent = new Map<string, HTMLElement>();
  private latest: SubmissionSummary | undefined;
  /** The revision of the receipt the latest summary was last fetched for (a retry that lands later refreshes it once). */
  private latestFetchedFor = 0;

  constructor(
    private readonly context: PaneContext,
    private readonly identity: WorkbookIdentity | undefined,
    /** Why the workbook's report could not be opened (an unknown edition, an Excel failure). */
    private readonly problem?: string,
  ) {
    context.session?.onUpdate(() => this.renderIssues());
  }

  render(container: HTMLElement): void {
    if (!this.context.session) {
      container.append(this.newReportCard());
      return;
    }
    container.append(this.missingElement, this.issuesElement, this.submitElement);
    this.renderIssues();
    this.renderSubmitState();
    void this.loadLatest();
  }

  private newReportCard(): HTMLElement {
    const { t, api, me, workbook } = this.context;
    const foreign = this.identity && this.identity.prefectureCode !== me.prefectureCode;
    const periodSelect = h("select", { id: "period" });
    const message = h(
      "p",
      { class: this.problem ? "message error" : "message", id: "report-message", role: "status" },
      this.problem ?? (foreign ? t("otherPrefecture", { unit: regionTable.prefecture(this.identity?.prefectureCode ?? "")?.name ?? "" }) : t("notAReport")),
    );
    const button = h("button", { class: "primary", id: "create-report", disabled: true }, t("createReport"));
    void api.periods().then(
      (periods) => {
        periodSelect.replaceChildren(...periods.filter((period) => period.status === "open").map((period) => h("option", { value: period.code }, period.code)));
        button.disabled = periodSelect.options.length === 0 || Boolean(foreign);
      },
      (error: unknown) => (message.textContent = this.context.failure(error)),
    );
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const period = periodSelect.value;
        const prefecture = regionTable.prefecture(me.prefectureCode ?? "");
        if (!prefecture) throw new Error(me.prefectureCode ?? "");
        const template = await api.template(period, prefecture.code);
        const placed = await workbook.insertTemplate(template, templateSheetNames(prefectureLayout(currentFormSet, prefecture, period)));
        const said = {
          inserted: "templateInserted",
          opened: "templateOpened",
          "opened-sheets-exist": "templateOpenedSheetsExist",
          download: "templateDownload",
        } as const;
        message.className = "message";
        message.replaceChildren(t(said[placed]));
        if (placed === "download")
          message.append(
            " ",
            downloadLink(template, `${prefecture.code}-${prefecture.name}-${period}.xlsx`, t("download", { file: `${prefecture.name} ${period}.xlsx` })),
          );
        if (placed === "inserted") await this.context.reopen();
        else button.disabled = false;
      } catch (error) {
        message.className = "message error";
        message.textContent = this.context.failure(error);
        button.disabled = false;
      }
    });
    return h("section", { class: "card" }, h("h2", {}, t("newReport")), h("label", { for: "period" }, t("period")), periodSelect, message, button);
  }

  /**
   * Redraws the issue list from the session's last validation, touching only what changed: nodes
   * that stay are not detached, so the browser re-lays-out only the sheets whose issues changed.
   */
  renderIssues(): void {
    const { session, t, language } = this.context;
    if (!session) return;
    const { result, groups, missingSheets } = session;
    this.missingElement.hidden = missingSheets.length === 0;
    this.missingElement.textContent = missingSheets.length === 0 ? "" : t("missingSheets", { sheets: missingSheets.join("、") });
    const items = new Map<string, HTMLElement>();
    const summaryText = result.issues.length === 0 ? t("noIssues") : `${result.errorCount} ${t("errors")} · ${result.warningCount} ${t("warnings")}`;
    if (this.summaryElement.textContent !== summaryText) this.summaryElement.textContent = summaryText;
    this.summaryElement.className = result.issues.length === 0 ? "summary ok" : "summary";
    const sections = groups.map((group) => {
      let section = this.sections.get(group.sheetCode);
      if (!section) {
        const [title, list, more] = [h("h3"), h("ul"), h("p", { class: "muted" })];
        this.sections.set(group.sheetCode, (section = { element: h("section", { class: "sheet-issues" }, title, list, more), heading: "", title, list, more }));
      }
      const heading = `${group.errorCount}/${group.warningCount}/${group.issues.length}`;
      if (section.heading !== heading) {
        section.heading = heading;
        section.title.replaceChildren(
          group.sheetName,
          group.errorCount ? h("span", { class: "badge error" }, String(group.errorCount)) : "",
          group.warningCount ? h("span", { class: "badge warning" }, String(group.warningCount)) : "",
        );
        const hidden = group.issues.length - ISSUES_SHOWN_PER_SHEET;
        section.more.textContent = hidden > 0 ? t("more", { count: hidden }) : "";
      }
      syncChildren(
        section.list,
        group.issues.slice(0, ISSUES_SHOWN_PER_SHEET).map((issue) => this.reusedItem(issue, items)),
      );
      return section.element;
    });
    syncChildren(this.issuesElement, [this.summaryElement, ...sections]);
    this.itemsByContent = items;
    this.renderSubmitState();
    this.issuesElement.dispatchEvent(new CustomEvent("tianbao:issues-rendered", { bubbles: true, detail: { issues: result.issues.length, language } }));
  }

  private reusedItem(issue: ValidationIssue, items: Map<string, HTMLElement>): HTMLElement {
    const content = `${issue.ruleId}\u0000${issue.address}\u0000${issue.messageZh}\u0000${issue.explanation ?? ""}`;
    const item = this.itemsByContent.get(content) ?? this.issueItem(issue);
    items.set(content, item);
    return item;
  }

  private issueItem(issue: ValidationIssue): HTMLElement {
    const { session, t, language, workbook } = this.context;
    const select = () => workbook.selectCell(issue.sheetName, issue.cell).catch(this.context.alert);
    const item = h(
      "li",
      { class: `issue ${issue.severity}`, "data-rule": issue.ruleId, "data-address": issue.address },
      h(
        "button",
        { class: "issue-message", onclick: select, title: issue.address },
        h("span", { class: "severity" }, t(issue.severity)),
        " ",
        messageOf(issue, language),
      ),
    );
    if (issue.severity === "warning" && session) {
      const min = session.formSet.data.explanationMinLength;
      const explanation = h("textarea", { rows: 2, placeholder: t("explanationPlaceholder", { min }), value: session.explanationOf(issue) });
      const save = h(
        "button",
        { class: "secondary save-explanation", onclick: () => session.explain(issue, explanation.value).catch(this.context.alert) },
        t("saveExplanation"),
      );
      const done = issue.explanation && [...issue.explanation].length >= min;
      item.append(h("div", { class: "explanation" }, explanation, save, done ? h("span", { class: "explained" }, `✓ ${t("explained")}`) : null));
    }
    return item;
  }

  private async loadLatest(): Promise<void> {
    const { api, session } = this.context;
    if (!session) return;
    try {
      this.latest = (await api.submissions(session.layout.period, session.prefecture.code)).at(-1);
    } catch {
      this.latest = undefined; // Offline: the submit will tell.
    }
    this.renderSubmitState();
  }

  /** The submit button, the reason for a resubmission, and what became of the last submission. */
  renderSubmitState(): void {
    const { session, submitter, t } = this.context;
    if (!session || !this.submitElement.isConnected) return;
    const { result } = session;
    const state = submitter.state;
    const needsReason = this.latest !== undefined && this.latest.status !== "submitted";
    const previousReason = this.submitElement.querySelector<HTMLTextAreaElement>("#resubmission-reason")?.value ?? "";
    const reason = h("textarea", { id: "resubmission-reason", rows: 2, placeholder: t("resubmissionReason"), value: previousReason });
    // One submission at a time: while one waits in the queue, another would only be a stale revision.
    const busy = !result.canSubmit || state.sending || state.queue.length > 0;
    const button = h(
      "button",
      { class: "primary", id: "submit-button", disabled: busy || (needsReason && !previousReason.trim()) },
      state.sending ? t("submitting") : t("submit"),
    );
    reason.addEventListener("input", () => (button.disabled = busy || !reason.value.trim()));
    button.addEventListener("click", () => this.submit(needsReason ? reason.value.trim() : undefined).catch(this.context.alert));
    const lines: HTMLElement[] = [];
    if (!result.canSubmit)
      lines.push(h("p", { class: "message" }, t("cannotSubmit", { errors: result.errorCount, unexplained: result.unexplainedWarnings.length })));
    if (state.sending) lines.push(h("progress", { id: "submit-progress" }));
    // An entry is saved before its first send; it counts as waiting only once a send has failed.
    const queued = state.queue.find((entry) => entry.attempts > 0);
    if (queued) {
      lines.push(
        h(
          "p",
          { class: "message warning", id: "queued", role: "status", "data-kept-in": state.keptIn },
          t(QUEUED_MESSAGE[state.keptIn], { attempts: queued.attempts }),
        ),
        h("button", { class: "secondary", onclick: () => submitter.flush().catch(this.context.alert) }, t("retryNow")),
      );
    }
    const last = state.last;
    if (last?.kind === "landed") {
      const { receipt } = last;
      if (receipt.revision > (this.latest?.revision ?? 0) && this.latestFetchedFor !== receipt.revision) {
        this.latestFetchedFor = receipt.revision;
        void this.loadLatest();
      }
      lines.push(
        h(
          "p",
          { class: "message ok", id: "receipt", role: "status" },
          t("receipt", { revision: receipt.revision, time: this.context.time(receipt.submittedAt), sha: receipt.sha256 }),
        ),
      );
    } else if (last?.kind === "refused") lines.push(this.refusal(last.error));
    this.submitElement.replaceChildren(needsReason ? reason : "", button, ...lines);
  }

  /** 409, 422 and 423 said in plain words. */
  private refusal(error: ApiError): HTMLElement {
    const { t, language } = this.context;
    const type = String(error.problem.type ?? "");
    const element = h("div", { class: "message error", id: "refusal", role: "alert" });
    if (error.status === 409) element.append(t("stale", { revision: String(error.problem.currentRevision ?? "?") }));
    else if (error.status === 423) element.append(t("locked"));
    else if (type === problemKinds.reasonRequired.type) element.append(t("reasonRequired"));
    else if (type === problemKinds.reportInvalid.type) {
      const issues = (error.problem.issues ?? []) as ValidationIssue[];
      element.append(t("invalid"), h("ul", {}, ...issues.slice(0, 20).map((issue) => h("li", {}, messageOf(issue, language)))));
    } else element.append(t("refused", { detail: error.message }));
    return element;
  }

  private async submit(resubmissionReason: string | undefined): Promise<void> {
    const { session, submitter } = this.context;
    if (!session) return;
    await session.reread();
    if (!session.result.canSubmit) return;
    const body = { report: session.submission(), basedOnRevision: this.latest?.revision ?? null, ...(resubmissionReason ? { resubmissionReason } : {}) };
    await submitter.submit(session.layout.period, session.prefecture.code, body);
  }
}
