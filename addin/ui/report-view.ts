import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import type { ApiError } from "../../shared/api/api-client.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { Period, SubmissionDetail, SubmissionSummary } from "../../shared/api/api-client.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf, unitNameOf, unitTitle } from "../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { BLANK_RULE, groupIssues, messageOf } from "../logic/issue-list.ts";
import type { SheetIssues } from "../logic/issue-list.ts";
import { templateSheetNames } from "../workbook/report-blocks.ts";
import type { WorkbookIdentity } from "../workbook/report-workbook.ts";
import { downloadLink, h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";
import { reportStateCard } from "./report-state.ts";
import type { WorkbookProgress } from "./report-state.ts";

/** What the queued message says, by where the queue is kept. */
const QUEUED_MESSAGE = { saved: "queuedSaved", unsaved: "queuedUnsaved", "pane-only": "queuedPaneOnly" } as const;

/** Issues listed per sheet before "show the other N": keeps a keystroke's redraw within a frame on huge reports. */
const ISSUES_SHOWN_PER_SHEET = 100;
/** A sheet with at most this many issues opens expanded; a longer one shows its counts until the clerk opens it. */
const OPEN_SECTION_UP_TO = 5;
/** Explanations are saved to the 说明 sheet this long after the clerk stops typing. */
const EXPLANATION_SAVE_DELAY_MS = 400;

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
  private readonly sections = new Map<
    string,
    { element: HTMLDetailsElement; heading: string; title: HTMLElement; list: HTMLElement; more: HTMLButtonElement; shown: number; touched: boolean }
  >();
  private readonly stateElement = h("div", { id: "report-state-slot" });
  private readonly submitElement = h("div", { class: "submit", id: "submit" });
  private readonly missingElement = h("p", { class: "message error", id: "missing-sheets", role: "alert", hidden: true });
  /**
   * List items by what they show. A redraw reuses the items of unchanged issues, so a keystroke
   * builds only the items it changed (and an explanation being typed survives a change elsewhere).
   */
  private itemsByContent = new Map<string, HTMLElement>();
  private latest: SubmissionSummary | undefined;
  private latestDetail: SubmissionDetail | undefined;
  private period: Period | undefined;
  /** The revision of the receipt the latest summary was last fetched for (a retry that lands later refreshes it once). */
  private latestFetchedFor = 0;
  /** Blank cells are progress until the clerk asks to submit; from then on they are errors. */
  private blanksAsErrors = false;
  /** The workbook's report is the latest revision's (same SHA-256 of its canonical JSON). */
  private sameAsLatest = false;
  /** The 409 already answered by refreshing the latest revision. */
  private refreshedAfter: ApiError | undefined;
  /** A click on 报送 being prepared (re-read, key): a second click meanwhile does nothing. */
  private preparing = false;
  /** The revision the last submission was based on (to tell a receipt for an identical report from a new revision). */
  private basedOn: number | null | undefined;

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
    container.append(this.stateElement, this.missingElement, this.issuesElement, this.submitElement);
    this.renderIssues();
    this.renderSubmitState();
    void this.loadLatest();
  }

  /** The state card: what the report's state is and the one next action (also without a report in this workbook). */
  private renderState(): void {
    const { session, me, workbook } = this.context;
    const prefectureCode = session?.unit.code ?? me.prefectureCode ?? "";
    const selectCell = session
      ? (sheetCode: string, cell: string) => void workbook.selectCell(session.layout.sheet(sheetCode)?.name ?? sheetCode, cell).catch(this.context.alert)
      : undefined;
    this.stateElement.replaceChildren(
      reportStateCard(
        this.context,
        { period: this.period, prefectureCode, latest: this.latest, latestDetail: this.latestDetail, progress: this.progress() },
        selectCell,
      ),
    );
  }

  /** How far the workbook's report is: input cells filled and blank, errors, unexplained warnings. */
  private progress(): WorkbookProgress | undefined {
    const { session } = this.context;
    if (!session) return undefined;
    const { result } = session;
    const blanks = result.issues.filter((issue) => issue.ruleId === BLANK_RULE).length;
    let filled = 0;
    for (const sheet of session.formSet.sheets) {
      const inputs = sheet.fields.filter((field) => !field.formula && !field.prefill).map((field) => field.code);
      for (const row of session.report.sheets[sheet.code] ?? [])
        filled += inputs.filter((code) => row.values[code] !== null && row.values[code] !== undefined && row.values[code] !== "").length;
    }
    return {
      filled,
      total: filled + blanks,
      blanks,
      errors: result.errorCount - blanks,
      unexplained: result.unexplainedWarnings.length,
      sameAsLatest: this.sameAsLatest,
    };
  }

  /** Whether the workbook now holds exactly the latest revision (then 报送 has nothing to send). */
  private async compareWithLatest(): Promise<void> {
    const { session } = this.context;
    const latest = this.latest;
    const same = Boolean(session && latest && (await sha256Hex(canonicalJson(session.submission()))) === latest.sha256);
    if (same === this.sameAsLatest) return;
    this.sameAsLatest = same;
    this.renderState();
    this.renderSubmitState();
  }

  private newReportCard(): HTMLElement {
    const { t, api, me, workbook } = this.context;
    const foreign = this.identity && this.identity.prefectureCode !== me.prefectureCode;
    const periodSelect = h("select", { id: "period" });
    const message = h(
      "p",
      { class: this.problem ? "message error" : "message", id: "report-message", role: "status" },
      this.problem ?? (foreign ? t("otherPrefecture", { unit: unitNameOf(this.identity?.prefectureCode ?? "", this.context.language) }) : t("notAReport")),
    );
    const button = h("button", { class: "primary", id: "create-report", disabled: true }, t("createReport"));
    const showState = async (periods: Period[]) => {
      this.period = periods.find((period) => period.code === periodSelect.value);
      this.latest = undefined;
      this.latestDetail = undefined;
      if (this.period && me.prefectureCode) {
        this.latest = (await api.submissions(this.period.code, me.prefectureCode)).at(-1);
        if (this.latest && this.latest.status !== "submitted")
          this.latestDetail = await api.submission(this.period.code, me.prefectureCode, this.latest.revision);
      }
      this.renderState();
    };
    void api.periods().then(
      (periods) => {
        // A locked period is listed (its state shows) but gives a template only to a prefecture unlocked to file late.
        const accepts = (period: Period) => period.status === "open" || period.openUnlocks.some((unlock) => unlock.prefectureCode === me.prefectureCode);
        periodSelect.replaceChildren(
          ...periods.map((period) =>
            h("option", { value: period.code, disabled: !accepts(period) }, accepts(period) ? period.code : t("periodLockedOption", { period: period.code })),
          ),
        );
        const firstOpen = periods.find(accepts);
        if (firstOpen) periodSelect.value = firstOpen.code;
        else if (!this.problem && !foreign) message.textContent = t("noOpenPeriod");
        button.disabled = !firstOpen || Boolean(foreign);
        periodSelect.addEventListener("change", () => void showState(periods).catch(this.context.alert));
        return showState(periods);
      },
      (error: unknown) => (message.textContent = this.context.failure(error)),
    );
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const period = periodSelect.value;
        const unit = reportingUnitOf(me.prefectureCode ?? "");
        if (!unit) throw new Error(me.prefectureCode ?? "");
        // The template is of the period's edition: its sheet names are that edition's.
        const edition = this.period?.editionId ?? "";
        const formSet = this.context.formSetOf(edition);
        if (!formSet) throw new Error(t("unsupportedPeriodEdition", { period, edition }));
        const template = await api.template(period, unit.code);
        const placed = await workbook.insertTemplate(template, templateSheetNames(unitLayout(formSet, unit, period)));
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
            downloadLink(template, `${unit.code}-${unitTitle(unit)}-${period}.xlsx`, t("download", { file: `${unitTitle(unit)} ${period}.xlsx` })),
          );
        if (placed === "inserted") await this.context.reopen();
        else button.disabled = false;
      } catch (error) {
        message.className = "message error";
        message.textContent = this.context.failure(error);
        button.disabled = false;
      }
    });
    return h(
      "div",
      {},
      this.stateElement,
      h("section", { class: "card" }, h("h2", {}, t("newReport")), h("label", { for: "period" }, t("period")), periodSelect, message, button),
    );
  }

  /**
   * Redraws the issue list from the session's last validation, touching only what changed: nodes
   * that stay are not detached, so the browser re-lays-out only the sheets whose issues changed.
   * Until the clerk asks to submit, blank cells are progress (counted per sheet), not errors.
   */
  renderIssues(): void {
    const { session, t, language } = this.context;
    if (!session) return;
    const { result, missingSheets } = session;
    this.missingElement.hidden = missingSheets.length === 0;
    this.missingElement.textContent = missingSheets.length === 0 ? "" : t("missingSheets", { sheets: missingSheets.join("、") });
    const progress = this.progress() as WorkbookProgress;
    const listed = this.blanksAsErrors ? result.issues : result.issues.filter((issue) => issue.ruleId !== BLANK_RULE);
    const groups = groupIssues(
      listed,
      session.formSet.sheets.map((sheet) => sheet.code),
    );
    const blanksBySheet = new Map<string, number>();
    if (!this.blanksAsErrors)
      for (const issue of result.issues) if (issue.ruleId === BLANK_RULE) blanksBySheet.set(issue.sheetCode, (blanksBySheet.get(issue.sheetCode) ?? 0) + 1);
    // A sheet with blanks only still gets its line, to show its progress.
    for (const [sheetCode] of blanksBySheet) {
      if (groups.some((group) => group.sheetCode === sheetCode)) continue;
      const sheetName = session.layout.sheet(sheetCode)?.name ?? sheetCode;
      groups.push({ sheetCode, sheetName, errorCount: 0, warningCount: 0, issues: [] });
    }
    const order = session.formSet.sheets.map((sheet) => sheet.code);
    groups.sort((a, b) => order.indexOf(a.sheetCode) - order.indexOf(b.sheetCode));
    const items = new Map<string, HTMLElement>();
    const errors = listed.filter((issue) => issue.severity === "error").length;
    const warnings = listed.length - errors;
    const counts = [
      errors ? `${errors} ${t("errors")}` : "",
      warnings ? `${warnings} ${t("warnings")}` : "",
      progress.blanks && !this.blanksAsErrors ? t("progress", { filled: progress.filled, total: progress.total, blanks: progress.blanks }) : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const summaryText = result.issues.length === 0 ? t("noIssues") : counts;
    if (this.summaryElement.textContent !== summaryText) this.summaryElement.textContent = summaryText;
    this.summaryElement.className = result.issues.length === 0 ? "summary ok" : "summary";
    const sections = groups.map((group) => this.section(group, blanksBySheet.get(group.sheetCode) ?? 0, items));
    const notice = this.blanksAsErrors && progress.blanks > 0 ? [h("p", { class: "message error", id: "blanks-as-errors" }, t("blanksAsErrors"))] : [];
    syncChildren(this.issuesElement, [this.summaryElement, ...notice, ...sections]);
    this.itemsByContent = items;
    this.renderState();
    this.renderSubmitState();
    void this.compareWithLatest();
    this.issuesElement.dispatchEvent(new CustomEvent("tianbao:issues-rendered", { bubbles: true, detail: { issues: result.issues.length, language } }));
  }

  /** One sheet's collapsible section: its counts in the summary line, its issues inside. */
  private section(group: SheetIssues, blanks: number, items: Map<string, HTMLElement>): HTMLElement {
    const { t } = this.context;
    let section = this.sections.get(group.sheetCode);
    if (!section) {
      const [title, list] = [h("span", { class: "sheet-title" }), h("ul")];
      const more = h("button", { class: "secondary show-more", hidden: true });
      const element = h("details", { class: "sheet-issues", "data-sheet": group.sheetCode }, h("summary", {}, title), list, more);
      const created = { element, heading: "", title, list, more, shown: ISSUES_SHOWN_PER_SHEET, touched: false };
      element.addEventListener("toggle", () => (created.touched = true));
      more.addEventListener("click", () => {
        created.shown += ISSUES_SHOWN_PER_SHEET;
        created.heading = "";
        this.renderIssues();
      });
      this.sections.set(group.sheetCode, (section = created));
    }
    const heading = `${group.errorCount}/${group.warningCount}/${group.issues.length}/${blanks}/${section.shown}`;
    if (section.heading !== heading) {
      section.heading = heading;
      section.title.replaceChildren(
        group.sheetName,
        group.errorCount ? h("span", { class: "badge error", "aria-label": `${group.errorCount} ${t("errors")}` }, String(group.errorCount)) : "",
        group.warningCount ? h("span", { class: "badge warning", "aria-label": `${group.warningCount} ${t("warnings")}` }, String(group.warningCount)) : "",
        blanks ? h("span", { class: "badge blank" }, t("blanksLeft", { count: blanks })) : "",
      );
      const hidden = group.issues.length - section.shown;
      section.more.hidden = hidden <= 0;
      section.more.textContent = hidden > 0 ? t("showAll", { count: hidden }) : "";
      if (!section.touched) section.element.open = group.issues.length > 0 && group.issues.length <= OPEN_SECTION_UP_TO;
    }
    syncChildren(
      section.list,
      group.issues.slice(0, section.shown).map((issue) => this.reusedItem(issue, items)),
    );
    return section.element;
  }

  private reusedItem(issue: ValidationIssue, items: Map<string, HTMLElement>): HTMLElement {
    // Not keyed by the explanation: the item of a warning being explained stays while the clerk types.
    const content = `${issue.ruleId}\u0000${issue.address}\u0000${issue.messageZh}`;
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
        { class: "issue-message", onclick: select },
        h("span", { class: "severity" }, t(issue.severity)),
        " ",
        messageOf(issue, session?.formSet, language),
      ),
    );
    if (issue.severity === "warning" && session) item.append(this.explanationField(issue));
    return item;
  }

  /**
   * The explanation of a warning, saved as it is typed (to the pane at once, to the 说明 sheet once
   * the clerk pauses), with a character counter and, below the minimum, an inline error.
   */
  private explanationField(issue: ValidationIssue): HTMLElement {
    const { t } = this.context;
    const session = this.context.session as NonNullable<PaneContext["session"]>;
    const min = session.formSet.data.explanationMinLength;
    const id = `explanation-${issue.sheetCode}-${issue.cell}-${issue.ruleId}`.replace(/[^\w-]/g, "_");
    const textarea = h("textarea", {
      id,
      rows: 2,
      placeholder: t("explanationPlaceholder", { min }),
      value: session.explanationOf(issue),
      "aria-describedby": `${id}-count ${id}-error`,
    });
    const label = h("label", { for: id, class: "visually-hidden" }, t("explanationPlaceholder", { min }));
    const count = h("span", { class: "explanation-count", id: `${id}-count` });
    const error = h("p", { class: "field-error", id: `${id}-error` });
    const saved = h("span", { class: "explained" });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      const length = [...textarea.value.trim()].length;
      count.textContent = t("explanationCount", { count: length, min });
      const short = length > 0 && length < min;
      error.textContent = short ? t("explanationShort", { min, missing: min - length }) : "";
      textarea.setAttribute("aria-invalid", String(short));
      saved.textContent = length >= min ? `✓ ${t("explained")}` : "";
    };
    textarea.addEventListener("input", () => {
      show();
      saved.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(() => {
        session
          .explain(issue, textarea.value)
          .then(() => show(), this.context.alert)
          .finally(() => textarea.dispatchEvent(new CustomEvent("tianbao:explanation-saved", { bubbles: true })));
      }, EXPLANATION_SAVE_DELAY_MS);
    });
    show();
    return h("div", { class: "explanation" }, label, textarea, h("div", { class: "explanation-status" }, count, saved), error);
  }

  private async loadLatest(): Promise<void> {
    const { api, session } = this.context;
    if (!session) return;
    try {
      const [revisions, periods] = await Promise.all([api.submissions(session.layout.period, session.unit.code), api.periods()]);
      this.latest = revisions.at(-1);
      this.period = periods.find((period) => period.code === session.layout.period);
      this.latestDetail =
        this.latest && this.latest.status !== "submitted" ? await api.submission(session.layout.period, session.unit.code, this.latest.revision) : undefined;
    } catch {
      this.latest = undefined; // Offline: the submit will tell.
    }
    this.sameAsLatest = false;
    await this.compareWithLatest();
    this.renderState();
    this.renderSubmitState();
  }

  /** The submit button, the reason for a resubmission, and what became of the last submission. */
  renderSubmitState(): void {
    const { session, submitter, t } = this.context;
    if (!session || !this.submitElement.isConnected) return;
    const state = submitter.state;
    const needsReason = this.latest !== undefined && this.latest.status !== "submitted";
    const previousReason = this.submitElement.querySelector<HTMLTextAreaElement>("#resubmission-reason")?.value ?? "";
    const reasonLabel = h("label", { for: "resubmission-reason" }, t("resubmissionReason"));
    const reason = h("textarea", { id: "resubmission-reason", rows: 2, value: previousReason });
    // One submission at a time: while one waits in the queue, another would only be a stale revision.
    // Errors and unexplained warnings keep the button disabled; blank cells alone do not: asking to submit lists them as errors.
    const progress = this.progress() as WorkbookProgress;
    const blocked = progress.errors > 0 || progress.unexplained > 0 || (this.blanksAsErrors && progress.blanks > 0);
    // The same figures again store nothing, except after a return: checked and found right, they go back with a reason.
    const nothingNew = this.sameAsLatest && this.latest?.status !== "returned";
    const busy = blocked || this.preparing || state.sending || state.queue.length > 0 || nothingNew;
    const button = h(
      "button",
      { class: "primary", id: "submit-button", disabled: busy || (needsReason && !previousReason.trim()) },
      state.sending || this.preparing ? t("submitting") : t("submit"),
    );
    reason.addEventListener("input", () => (button.disabled = busy || !reason.value.trim()));
    button.addEventListener("click", () => this.submit(needsReason ? reason.value.trim() : undefined).catch(this.context.alert));
    const lines: HTMLElement[] = [];
    if (this.sameAsLatest && this.latest)
      lines.push(
        h(
          "p",
          { class: "message", id: "same-as-latest" },
          t(this.latest.status === "returned" ? "sameAsReturned" : "sameAsLatest", { revision: this.latest.revision }),
        ),
      );
    else if (blocked)
      lines.push(
        h("p", { class: "message" }, t("cannotSubmit", { errors: session.result.errorCount, unexplained: session.result.unexplainedWarnings.length })),
      );
    if (state.sending) lines.push(h("progress", { id: "submit-progress", "aria-label": t("submitting") }));
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
    // A receipt is news until the province reviews that revision: then the state card says what happened to it.
    const reviewed =
      last?.kind === "landed" && this.latest !== undefined && this.latest.revision >= last.receipt.revision && this.latest.status !== "submitted";
    if (last?.kind === "landed" && !reviewed) lines.push(this.receipt(last.receipt));
    else if (last?.kind === "refused") lines.push(this.refusal(last.error));
    this.submitElement.replaceChildren(needsReason ? reasonLabel : "", needsReason ? reason : "", button, ...lines);
  }

  /** The receipt in one line (revision and time), what happens next, and the checksum on demand. */
  private receipt(receipt: { revision: number; submittedAt: string; sha256: string }): HTMLElement {
    const { t } = this.context;
    if (receipt.revision > (this.latest?.revision ?? 0) && this.latestFetchedFor !== receipt.revision) {
      this.latestFetchedFor = receipt.revision;
      void this.loadLatest();
    }
    const time = this.context.time(receipt.submittedAt);
    const repeated = this.basedOn !== undefined && this.basedOn !== null && receipt.revision <= this.basedOn;
    return h(
      "div",
      { class: "message ok", id: "receipt" },
      h("p", {}, repeated ? t("receiptRepeated", { revision: receipt.revision, time }) : t("receiptShort", { revision: receipt.revision, time })),
      h("p", {}, t("receiptNext")),
      h("details", { class: "receipt-hash" }, h("summary", {}, t("receiptHash")), h("code", {}, receipt.sha256)),
    );
  }

  /** 409, 422 and 423 said in plain words; after a 409 the pane refreshes the latest revision and says what it found. */
  private refusal(error: ApiError): HTMLElement {
    const { t, language } = this.context;
    const type = String(error.problem.type ?? "");
    const element = h("div", { class: "message error", id: "refusal", role: "alert" });
    if (error.status === 409) {
      if (this.refreshedAfter !== error) {
        this.refreshedAfter = error;
        void this.loadLatest();
      }
      const current = this.latest;
      if (current && current.revision === Number(error.problem.currentRevision))
        element.append(t("staleRefreshed", { revision: current.revision, time: this.context.time(current.submittedAt), name: current.submittedByName }));
      else element.append(t("stale", { revision: String(error.problem.currentRevision ?? "?") }));
    } else if (error.status === 423) element.append(t("locked"));
    else if (type === problemKinds.reasonRequired.type) element.append(t("reasonRequired"));
    else if (type === problemKinds.reportInvalid.type) {
      const issues = (error.problem.issues ?? []) as ValidationIssue[];
      element.append(t("invalid"), h("ul", {}, ...issues.slice(0, 20).map((issue) => h("li", {}, messageOf(issue, this.context.session?.formSet, language)))));
    } else element.append(t("refused", { detail: error.message }));
    return element;
  }

  private async submit(resubmissionReason: string | undefined): Promise<void> {
    const { session, submitter } = this.context;
    if (!session || this.preparing) return;
    this.preparing = true;
    this.renderSubmitState();
    try {
      await session.reread();
      if (!session.result.canSubmit) {
        // Asking to submit turns blank cells into errors, listed with the rest.
        this.blanksAsErrors = true;
        this.renderIssues();
        this.summaryElement.setAttribute("tabindex", "-1");
        this.summaryElement.focus();
        return;
      }
      this.basedOn = this.latest?.revision ?? null;
      const body = { report: session.submission(), basedOnRevision: this.basedOn, ...(resubmissionReason ? { resubmissionReason } : {}) };
      await submitter.submit(session.layout.period, session.unit.code, body);
    } finally {
      this.preparing = false;
      this.renderSubmitState();
    }
  }
}
