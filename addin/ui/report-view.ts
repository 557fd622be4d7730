import type { Period } from "../../shared/api/api-client.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf, unitNameOf, unitTitle } from "../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { fetchLatestRevision } from "../logic/latest-revision.ts";
import {
  fetchLatestForReceipt,
  initialReportViewState,
  isRepeatedReceipt,
  issueListing,
  refreshAfterConflict,
  submitControls,
  workbookProgress,
} from "../logic/report-view-state.ts";
import type { WorkbookProgress } from "../logic/report-view-state.ts";
import { templateSheetNames } from "../workbook/report-blocks.ts";
import type { WorkbookIdentity } from "../workbook/report-workbook.ts";
import { downloadLink, h } from "./dom.ts";
import { threadsCard } from "./comment-thread.ts";
import { followUpCard } from "./follow-up-card.ts";
import { HistoryPanel } from "./history-panel.ts";
import { IssueListView } from "./issue-list-view.ts";
import type { PaneContext } from "./pane-context.ts";
import { reportStateCard } from "./report-state.ts";
import { reviseReturnedButton } from "./revise-returned.ts";
import { drawSubmitArea, receiptElement, refusalElement } from "./submit-area.ts";

/**
 * The 填报 tab: a new report from the template, or the live issue list and the submit button. Its
 * state is a plain ReportViewState (addin/logic/report-view-state.ts); the methods fetch into it
 * and draw from it.
 */
export class ReportView {
  private readonly issueList: IssueListView;
  private readonly history: HistoryPanel;
  private readonly stateElement = h("div", { id: "report-state-slot" });
  private readonly submitElement = h("div", { class: "submit", id: "submit" });
  private readonly missingElement = h("p", { class: "message error", id: "missing-sheets", role: "alert", hidden: true });
  private readonly undoneElement = h("div", { class: "message warning", id: "undone-explanations", role: "alert", hidden: true });
  private readonly state = initialReportViewState();

  constructor(
    private readonly context: PaneContext,
    private readonly identity: WorkbookIdentity | undefined,
    /** Why the workbook's report could not be opened (an unknown edition, an Excel failure). */
    private readonly problem?: string,
  ) {
    const session = context.session;
    this.history = new HistoryPanel(context, () => session && { period: session.report.period, unitCode: session.unit.code });
    this.issueList = new IssueListView(
      context,
      () => this.renderIssues(),
      (address) => void this.history.show(address),
    );
    // The sticky bar's height, for the page's scroll padding: a focused explanation box scrolls above the bar, not under it.
    new ResizeObserver(() =>
      document.documentElement.style.setProperty("--submit-height", `${this.submitElement.isConnected ? this.submitElement.offsetHeight : 0}px`),
    ).observe(this.submitElement);
    context.session?.onUpdate(() => this.renderIssues());
  }

  /** Draws the tab; `toolbar` (the page's file card) goes after the template (step 1 before step 2), or under the state once a report is open. */
  render(container: HTMLElement, toolbar?: HTMLElement): void {
    if (!this.context.session) {
      container.append(this.newReportCard(), toolbar ?? "");
      return;
    }
    container.append(
      this.stateElement,
      toolbar ?? "",
      this.missingElement,
      this.undoneElement,
      this.followUps(),
      this.threads(),
      this.issueList.element,
      this.history.controls(),
      this.history.element,
      this.submitElement,
    );
    this.renderIssues();
    this.renderSubmitState();
    void this.loadLatest();
  }

  /** A cell named in a mark or a thread: selected in the workbook (the pane), its history and thread opened. */
  private readonly openCell = (address: string): void => {
    const { session, workbook } = this.context;
    if (!session) return;
    const [sheetCode = "", a1 = ""] = address.split("!");
    void workbook.selectCell(session.layout.sheet(sheetCode)?.name ?? sheetCode, a1).catch(this.context.alert);
    void this.history.show(address);
  };

  /** 跟进 marks on the report's values, above the issues: a click selects the cell (the pane) and opens its history. */
  private followUps(): HTMLElement {
    const { session } = this.context;
    if (!session) return h("div");
    return followUpCard(this.context, session.report.period, session.unit.code, { mayMark: false, openCell: this.openCell });
  }

  /** The report's cells with a thread, above the issues (each issue on such a cell links to it): a click opens the cell, its history and the thread to reply in. */
  private threads(): HTMLElement {
    const { session } = this.context;
    const linkIssues = (counts: ReadonlyMap<string, number>) => {
      this.issueList.setThreadCounts(counts);
      this.renderIssues();
    };
    return session ? threadsCard(this.context, session.report.period, session.unit.code, this.openCell, linkIssues) : h("div");
  }

  /** The state card: what the report's state is and the one next action (also without a report in this workbook). */
  private renderState(): void {
    const { session, me, workbook } = this.context;
    const unitCode = session?.unit.code ?? me.unitCode ?? "";
    const selectCell = session
      ? (sheetCode: string, cell: string) => void workbook.selectCell(session.layout.sheet(sheetCode)?.name ?? sheetCode, cell).catch(this.context.alert)
      : undefined;
    const { period, latest } = this.state;
    // Returned, and the report not at hand: the returned revision, in one click.
    const revise = !session && period && latest?.status === "returned" ? reviseReturnedButton(this.context, period.code, unitCode, latest.revision) : undefined;
    this.stateElement.replaceChildren(
      reportStateCard(this.context, { period, unitCode, latest, latestDetail: this.state.latestDetail, progress: this.progress() }, selectCell, revise),
    );
  }

  /** How far the workbook's report is: input cells filled and blank, errors, unexplained warnings. */
  private progress(): WorkbookProgress | undefined {
    const { session } = this.context;
    return session ? workbookProgress(session, this.state.sameAsLatest) : undefined;
  }

  /** Whether the workbook now holds exactly the latest revision (then 报送 has nothing to send). */
  private async compareWithLatest(): Promise<void> {
    const { session } = this.context;
    const { latest } = this.state;
    const same = Boolean(session && latest && (await sha256Hex(canonicalJson(session.submission()))) === latest.sha256);
    if (same === this.state.sameAsLatest) return;
    this.state.sameAsLatest = same;
    this.renderState();
    this.renderSubmitState();
  }

  /** Without a report in this workbook: the state card for the chosen period and 新建报表. */
  private newReportCard(): HTMLElement {
    const { t, api, me } = this.context;
    const foreign = this.identity && this.identity.unitCode !== me.unitCode;
    const periodSelect = h("select", { id: "period" });
    const message = h(
      "p",
      { class: this.problem ? "message error" : "message", id: "report-message", role: "status" },
      this.problem ?? (foreign ? t("otherPrefecture", { unit: unitNameOf(this.identity?.unitCode ?? "", this.context.language) }) : t("notAReport")),
    );
    const button = h("button", { class: "primary", id: "create-report", disabled: true }, t("createReport"));
    const showState = async (periods: Period[]) => {
      const period = periods.find((candidate) => candidate.code === periodSelect.value);
      Object.assign(this.state, { period, latest: undefined, latestDetail: undefined });
      if (period && me.unitCode) Object.assign(this.state, await fetchLatestRevision(api, period.code, me.unitCode));
      this.renderState();
    };
    void api.periods().then(
      (periods) => {
        // A locked period is listed (its state shows) but gives a template only to a prefecture unlocked to file late.
        const accepts = (period: Period) => period.status === "open" || period.openUnlocks.some((unlock) => unlock.unitCode === me.unitCode);
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
    button.addEventListener("click", () => void this.insertTemplate(periodSelect.value, button, message));
    return h(
      "div",
      {},
      this.stateElement,
      h("section", { class: "card" }, h("h2", {}, t("newReport")), h("label", { for: "period" }, t("period")), periodSelect, button, message),
    );
  }
  /** 新建报表: the period's template, inserted into this workbook where Excel can (then the pane reopens on it), else opened or downloaded. */
  private async insertTemplate(period: string, button: HTMLButtonElement, message: HTMLElement): Promise<void> {
    const { t, api, me, workbook } = this.context;
    button.disabled = true;
    try {
      const unit = reportingUnitOf(me.unitCode ?? "");
      if (!unit) throw new Error(me.unitCode ?? "");
      // The template is of the period's edition: its sheet names are that edition's.
      const edition = this.state.period?.editionId ?? "";
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
      if (placed === "download") {
        const link = downloadLink(template, `${unit.code}-${unitTitle(unit)}-${period}.xlsx`, t("download", { file: `${unitTitle(unit)} ${period}.xlsx` }));
        message.append(" ", link);
        // The page: one click downloads it (the link stays, to save it again); an old Excel's webview may not save a file by itself.
        if (this.context.surface === "page") link.click();
      }
      if (placed === "inserted") await this.context.reopen();
      else button.disabled = false;
    } catch (error) {
      message.className = "message error";
      message.textContent = this.context.failure(error);
      button.disabled = false;
    }
  }

  /**
   * Redraws the issue list from the session's last validation (issue-list-view.ts touches only what
   * changed), then the state card and the submit area.
   */
  renderIssues(): void {
    const { session, t, language } = this.context;
    if (!session) return;
    const { result, missingSheets } = session;
    this.missingElement.hidden = missingSheets.length === 0;
    this.missingElement.textContent = missingSheets.length === 0 ? "" : t("missingSheets", { sheets: missingSheets.join("、") });
    this.renderUndone();
    const progress = this.progress() as WorkbookProgress;
    const listing = issueListing(session, this.state.blanksAsErrors, (sheetCode) => session.layout.sheet(sheetCode)?.name ?? sheetCode);
    this.issueList.draw(listing, progress, this.state.blanksAsErrors, result.issues.length);
    this.renderState();
    this.renderSubmitState();
    void this.compareWithLatest();
    this.issueList.element.dispatchEvent(new CustomEvent("tianbao:issues-rendered", { bubbles: true, detail: { issues: result.issues.length, language } }));
  }

  /** Explanations 说明 no longer holds (a Ctrl+Z took the pane's write back), each by sheet and cell, and 重新写入. */
  private renderUndone(): void {
    const { session, t } = this.context;
    const undone = session?.undoneExplanations ?? [];
    this.undoneElement.hidden = undone.length === 0;
    if (!session || undone.length === 0) {
      this.undoneElement.replaceChildren();
      return;
    }
    const cells = undone.map(({ sheetCode, rowKey, fieldCode }) => {
      const sheet = session.layout.sheet(sheetCode);
      return `${sheet?.name ?? sheetCode}!${sheet?.cellOf(rowKey, fieldCode) ?? ""}`;
    });
    this.undoneElement.replaceChildren(
      h("p", {}, t("explanationsUndone", { sheet: session.layout.explanations.name, cells: cells.join("、") })),
      h(
        "button",
        { class: "secondary", id: "rewrite-explanations", onclick: () => void session.rewriteUndone().catch(this.context.alert) },
        t("rewriteExplanations"),
      ),
    );
  }

  /**
   * The pane got focus: 说明 is read back (the clerk's Ctrl+Z takes the pane's writes away without an
   * event), and the queue is looked at again (a co-author's submission; a workbook without a file the
   * clerk may have saved with 另存为 since).
   */
  paneFocused(): void {
    this.context.session?.checkExplanations().catch(this.context.alert);
    this.context.submitter.recheckStorage().catch(this.context.alert);
  }

  /** Fetches the period and the latest revision of the workbook's report, then redraws what shows them. */
  private async loadLatest(): Promise<void> {
    const { api, session } = this.context;
    if (!session) return;
    try {
      const [latest, periods] = await Promise.all([fetchLatestRevision(api, session.layout.period, session.unit.code), api.periods()]);
      Object.assign(this.state, latest);
      this.state.period = periods.find((period) => period.code === session.layout.period);
    } catch {
      this.state.latest = undefined; // Offline: the submit will tell.
    }
    this.state.sameAsLatest = false;
    await this.compareWithLatest();
    this.renderState();
    this.renderSubmitState();
  }

  /** The submit button, the reason for a resubmission, and what became of the last submission. */
  renderSubmitState(): void {
    const { session, submitter } = this.context;
    if (!session || !this.submitElement.isConnected) return;
    const controls = submitControls(this.state, this.progress() as WorkbookProgress, submitter.state);
    const last = submitter.state.last;
    let outcome: HTMLElement | undefined;
    if (controls.outcome === "receipt" && last?.kind === "landed") {
      if (fetchLatestForReceipt(this.state, last.receipt.revision)) void this.loadLatest();
      outcome = receiptElement(this.context, last.receipt, isRepeatedReceipt(this.state, last.receipt.revision));
    } else if (controls.outcome === "refusal" && last?.kind === "refused") {
      // After a 409 the pane refreshes the latest revision (once) and says what it found.
      if (last.error.status === 409 && refreshAfterConflict(this.state, last.error)) void this.loadLatest();
      outcome = refusalElement(this.context, last.error, this.state.latest);
    }
    drawSubmitArea(this.submitElement, this.context, controls, outcome, (reason) => void this.submit(reason).catch(this.context.alert));
  }

  private async submit(resubmissionReason: string | undefined): Promise<void> {
    const { session, submitter } = this.context;
    if (!session || this.state.preparing) return;
    this.state.preparing = true;
    this.renderSubmitState();
    try {
      await session.reread();
      // An explanation undone in 说明 is said above the list (renderIssues), with 重新写入: nothing is sent without it.
      if (session.undoneExplanations.length > 0) return;
      if (!session.result.canSubmit) {
        // Asking to submit turns blank cells into errors, listed with the rest.
        this.state.blanksAsErrors = true;
        this.renderIssues();
        this.issueList.summary.setAttribute("tabindex", "-1");
        this.issueList.summary.focus();
        return;
      }
      this.state.basedOn = this.state.latest?.revision ?? null;
      const body = { report: session.submission(), basedOnRevision: this.state.basedOn, ...(resubmissionReason ? { resubmissionReason } : {}) };
      await submitter.submit(session.layout.period, session.unit.code, body);
    } finally {
      this.state.preparing = false;
      this.renderSubmitState();
    }
  }
}
