import type { ReportWorkbook } from "../workbook/report-workbook.ts";
import { ApiClient, ApiError, NetworkError } from "../../shared/api/api-client.ts";
import type { Me } from "../../shared/api/api-client.ts";
import { formatTime, languageOf, pageWording, text } from "../logic/i18n.ts";
import type { Language, StringKey } from "../logic/i18n.ts";
import { EditionCatalog } from "../logic/edition-catalog.ts";
import { ReportSession, UnsupportedReportError } from "../logic/report-session.ts";
import { Submitter } from "../logic/submitter.ts";
import { tokenExpiryNotice } from "../logic/token-expiry-notice.ts";
import { reminderNotice } from "../logic/reminder-notice.ts";
import { reportingUnitOf, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { ConnectionStore } from "./connection.ts";
import type { PaneContext } from "./pane-context.ts";
import type { Connection } from "./connection.ts";
import { h } from "./dom.ts";
import { renderReviewView } from "./review-view.ts";
import { ReportView } from "./report-view.ts";
import { RosterSession } from "../logic/roster-session.ts";
import { RosterView } from "./roster-view.ts";
import { renderStatusView } from "./status-view.ts";

export interface TaskPaneOptions {
  workbook: ReportWorkbook;
  /** Office.context.displayLanguage */
  displayLanguage: string | undefined;
  /** Office.context.partitionKey */
  storageKeyPrefix: string;
  initialView: "report" | "province";
  /** Where the connection, once remembered, and the submit queue's copy are kept: localStorage unless a test passes another. */
  storage?: Storage;
  /**
   * Where the token is kept unless the clerk ticks 记住我 (the page: sessionStorage, forgotten with
   * the tab). Without it (the pane) the token is always remembered, as Office keeps a pane's storage.
   */
  sessionStorage?: Storage;
  /**
   * "page": the web page over a workbook file (words about Excel said as the page says them, the
   * file card above the 填报 tab); "pane" (default): the task pane inside Excel.
   */
  surface?: "pane" | "page";
  /** Shown at the top of the 填报 tab (the page's file card). */
  reportToolbar?: HTMLElement;
  /** The editions the pane knows: the bundle's and, once connected, the server's (the page shares its catalog with its file). */
  editions?: EditionCatalog;
}

type Tab = "report" | "status" | "units" | "province";

export function startTaskPane(root: HTMLElement, options: TaskPaneOptions): TaskPane {
  const pane = new TaskPane(root, options);
  pane.start().catch((error: unknown) => root.replaceChildren(h("p", { class: "message error", role: "alert" }, pane.describe(error))));
  return pane;
}

export class TaskPane {
  readonly language: Language;
  private readonly store: ConnectionStore;
  private readonly editions: EditionCatalog;
  private context: PaneContext | undefined;
  private tab: Tab;
  private reportView: ReportView | undefined;
  /** The 填报 tab over a roster workbook (教扶10) instead of a report. */
  private rosterView: RosterView | undefined;
  private readonly alertElement = h("div", { class: "message error", id: "pane-alert", role: "alert", hidden: true });

  constructor(
    private readonly root: HTMLElement,
    private readonly options: TaskPaneOptions,
  ) {
    this.language = languageOf(options.displayLanguage);
    this.editions = options.editions ?? new EditionCatalog();
    this.store = new ConnectionStore({ remembered: options.storage ?? localStorage, session: options.sessionStorage }, options.storageKeyPrefix);
    this.tab = options.initialView;
    document.documentElement.lang = this.language === "zh" ? "zh-CN" : "en";
    // One listener for the pane's life, however often the clerk reconnects: it sends the current queue.
    addEventListener("online", () => void this.context?.submitter.flush());
    // Back in the pane after working in the sheet: 说明 is read back (a Ctrl+Z there raises no event).
    addEventListener("focus", () => this.reportView?.paneFocused());
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && this.reportView?.paneFocused());
  }

  readonly t = (key: StringKey, values?: Record<string, string | number>) =>
    text(this.language, this.options.surface === "page" ? (pageWording[key] ?? key) : key, values);

  async start(): Promise<void> {
    const saved = this.store.load();
    if (saved) await this.connect(saved.connection, saved.remembered);
    else this.renderConnect();
  }

  /** A failure said in the pane's language. */
  describe(error: unknown): string {
    return this.failure(error);
  }

  private failure = (error: unknown): string => {
    // A fetch that never reached the server says so in the pane's language, not the browser's ("Failed to fetch").
    if (error instanceof NetworkError) return this.t("serverUnreachable", { url: this.context?.api.baseUrl ?? this.store.load()?.connection.serverUrl ?? "" });
    if (error instanceof ApiError && error.status === 401) return this.t("tokenRefused");
    if (error instanceof ApiError) return this.t("requestFailed", { detail: error.message });
    // office.js errors carry a code (OfficeExtension.Error): the ones a clerk can act on are said in words.
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code === "InvalidOperationInCellEditMode" || code === "InvalidOperation") return this.t("cellEditMode");
    if (code === "ItemNotFound") return this.t("sheetMissing");
    return error instanceof Error ? error.message : String(error);
  };

  private alert = (error: unknown): void => {
    this.alertElement.replaceChildren(
      h("span", {}, this.failure(error)),
      " ",
      h("button", { class: "link", onclick: () => (this.alertElement.hidden = true) }, this.t("dismiss")),
    );
    this.alertElement.hidden = false;
  };

  private async connect(connection: Connection, remember: boolean): Promise<void> {
    this.root.replaceChildren(h("p", { class: "muted" }, this.t("connecting")));
    const api = new ApiClient(connection.serverUrl, connection.token);
    let me: Me;
    try {
      me = await api.me();
      await this.editions.learn(api);
    } catch (error) {
      this.renderConnect(
        connection,
        error instanceof NetworkError ? this.t("serverUnreachable", { url: connection.serverUrl }) : this.failure(error),
        remember,
      );
      return;
    }
    this.store.save(connection, remember);
    this.context?.submitter.stop();
    const backupKey = `${this.options.storageKeyPrefix}tianbao.submitQueue`;
    const storage = this.options.storage ?? localStorage;
    const submitter = new Submitter(
      this.options.workbook,
      () => api,
      () => this.reportView?.renderSubmitState(),
      {
        backup: { read: () => storage.getItem(backupKey) ?? "", write: (json) => (json ? storage.setItem(backupKey, json) : storage.removeItem(backupKey)) },
        client: { id: this.clientId(storage), name: me.tokenName },
      },
    );
    this.context = {
      language: this.language,
      surface: this.options.surface ?? "pane",
      t: this.t,
      time: (iso) => formatTime(this.language, iso),
      workbook: this.options.workbook,
      formSetOf: this.editions.formSetOf,
      api,
      me,
      session: undefined,
      submitter,
      reopen: () => this.openWorkbook(),
      failure: this.failure,
      alert: this.alert,
    };
    if (me.role !== "clerk" && this.tab === "report" && this.options.initialView === "province") this.tab = "province";
    await this.openWorkbook();
    submitter.resume().catch(this.alert);
  }

  /** This pane's id in the workbook's submit queue: kept in its storage, so a restarted pane knows its own entries from a co-author's. */
  private clientId(storage: Storage): string {
    const key = `${this.options.storageKeyPrefix}tianbao.clientId`;
    const id = storage.getItem(key) ?? crypto.randomUUID();
    storage.setItem(key, id);
    return id;
  }

  /** The signed-in clerk's unit (undefined for a reviewer, or before sign-in): the only unit whose workbook the page takes. */
  get clerkUnitCode(): string | undefined {
    return this.context?.me.role === "clerk" ? (this.context.me.unitCode ?? undefined) : undefined;
  }

  /** Looks at the workbook again (the page after a new file was loaded); before the clerk connects, there is nothing to redraw. */
  async reopen(): Promise<void> {
    if (this.context) await this.openWorkbook();
  }

  /** Looks at the workbook: a report of the clerk's prefecture is opened and followed; what fails is said on the 填报 tab. */
  private async openWorkbook(): Promise<void> {
    const context = this.context as PaneContext;
    let identity: Awaited<ReturnType<typeof context.workbook.readIdentity>>;
    let problem: string | undefined;
    context.session = undefined;
    this.rosterView = undefined;
    try {
      identity = await context.workbook.readIdentity();
      if (!identity && (this.rosterView = await this.openRoster(context))) return this.render();
      if (identity && (context.me.role !== "clerk" || identity.unitCode === context.me.unitCode)) {
        context.session = await ReportSession.open(context.workbook, identity, undefined, context.formSetOf);
        context.session.onFailure(this.alert);
      }
    } catch (error) {
      problem =
        error instanceof UnsupportedReportError
          ? this.t("unsupportedReport", {
              edition: error.identity.edition,
              unit: unitNameOf(error.identity.unitCode, this.language),
            })
          : this.failure(error);
    }
    this.reportView = new ReportView(context, identity, problem);
    this.render();
  }

  /** A roster workbook of the clerk's unit (any, for a reviewer) is followed on the 填报 tab; none, or another unit's, is not. */
  private async openRoster(context: PaneContext): Promise<RosterView | undefined> {
    const session = await RosterSession.open(context.workbook);
    if (!session || (context.me.role === "clerk" && session.unitCode !== undefined && session.unitCode !== context.me.unitCode)) return undefined;
    return new RosterView(context, session);
  }

  private renderConnect(previous?: Connection, problem?: string, remember = false): void {
    const serverUrl = h("input", { type: "url", id: "server-url", value: previous?.serverUrl ?? (TIANBAO_DEFAULT_API_URL || location.origin), required: true });
    const token = h("input", { type: "password", id: "token", value: previous?.token ?? "", required: true, autocomplete: "off" });
    // 记住我 where the token is otherwise forgotten with the tab (the page); the pane always remembers.
    const rememberBox = h("input", { type: "checkbox", id: "remember", checked: remember });
    const form = h(
      "form",
      {
        class: "card",
        onsubmit: (event: Event) => (
          event.preventDefault(), void this.connect({ serverUrl: serverUrl.value.trim(), token: token.value.trim() }, rememberBox.checked)
        ),
      },
      h("label", { for: "server-url" }, this.t("serverUrl")),
      serverUrl,
      h("label", { for: "token" }, this.t("token")),
      token,
      this.store.canForget ? h("label", { class: "remember" }, rememberBox, this.t("rememberMe")) : null,
      h("p", { class: "muted", id: "token-help" }, this.t("tokenHelp")),
      problem ? h("p", { class: "message error", role: "alert" }, problem) : null,
      h("button", { type: "submit", class: "primary" }, this.t("connect")),
    );
    token.setAttribute("aria-describedby", "token-help");
    this.root.replaceChildren(h("header", {}, h("h1", {}, this.t("title"))), form);
  }

  /** From 14 days before the token expires (GET /me says when): the warning under who is connected. */
  private tokenExpiryWarning(me: Me): HTMLElement[] {
    const notice = tokenExpiryNotice(this.language, me.expiresAt, new Date());
    return notice ? [h("p", { class: "message warning", id: "token-expiry", role: "status" }, notice)] : [];
  }

  /** 催报: a banner under who is connected while the clerk's unit owes a report it was reminded of (GET …/reminders of each open period). */
  private reminderBanner(context: PaneContext): HTMLElement {
    const banner = h("div", { id: "reminders", role: "status" });
    const { me, api } = context;
    if (me.role !== "clerk" || !me.unitCode) return banner;
    const unitCode = me.unitCode;
    // Read at every render (a tab switch, a submit): a reminder is shown only until the unit submits.
    api
      .periods()
      .then((periods) =>
        Promise.all(
          periods
            .filter((period) => period.status === "open")
            .map(async (period) => reminderNotice(this.language, period.code, await api.reminders(period.code, unitCode))),
        ),
      )
      .then((notices) =>
        banner.replaceChildren(
          ...notices.filter((notice): notice is string => notice !== undefined).map((notice) => h("p", { class: "message warning reminder" }, notice)),
        ),
      )
      // A banner that cannot be read is no reason to stop the pane: the report and its checks come first.
      .catch(() => undefined);
    return banner;
  }

  private render(): void {
    const context = this.context as PaneContext;
    const { me } = context;
    // A clerk whose unit has units reporting to it (a prefecture's counties) reviews them on a tab of its own.
    const reviewsUnits = Boolean(reportingUnitOf(me.unitCode ?? "")?.children[0]?.level.report);
    const tabs: Tab[] = me.role === "clerk" ? ["report", "status", ...(reviewsUnits ? (["units"] as const) : [])] : ["province"];
    if (!tabs.includes(this.tab)) this.tab = tabs[0] as Tab;
    const body = h("div", { class: "view", role: "tabpanel", id: `panel-${this.tab}`, "aria-labelledby": `tab-${this.tab}`, tabindex: 0 });
    const disconnect = this.disconnectControl(context);
    const header = h(
      "header",
      {},
      h("h1", {}, this.t("title")),
      h("p", { class: "who" }, this.t("connectedAs", { name: me.tokenName, unit: me.unitName ?? this.t("province") }), " ", disconnect.button),
      disconnect.confirmation,
      ...this.tokenExpiryWarning(me),
      this.reminderBanner(context),
      this.tabList(tabs),
    );
    this.alertElement.hidden = true;
    this.root.replaceChildren(header, this.alertElement, body);
    if (this.tab === "report") {
      (this.rosterView ?? this.reportView)?.render(body, this.options.reportToolbar);
    } else if (this.tab === "status") renderStatusView(body, context).catch(this.alert);
    else if (this.tab === "units") renderReviewView(body, context, { kind: "units", unitCode: me.unitCode ?? "" }).catch(this.alert);
    else renderReviewView(body, context).catch(this.alert);
  }
  /** 断开 asks once more: the token is forgotten and the queue stops. */
  private disconnectControl(context: PaneContext): { button: HTMLButtonElement; confirmation: HTMLElement } {
    const button = h("button", { class: "link", id: "disconnect", onclick: () => confirmDisconnect() }, this.t("disconnect"));
    const confirmation = h("div", { class: "message warning", id: "disconnect-confirm", hidden: true });
    const confirmDisconnect = () => {
      confirmation.replaceChildren(
        h("p", {}, this.t("disconnectWarning")),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            { class: "primary", id: "disconnect-yes", onclick: () => (this.store.clear(), context.submitter.stop(), this.renderConnect()) },
            this.t("disconnectConfirm"),
          ),
          h("button", { class: "secondary", id: "disconnect-no", onclick: () => ((confirmation.hidden = true), button.focus()) }, this.t("cancel")),
        ),
      );
      confirmation.hidden = false;
      confirmation.querySelector<HTMLButtonElement>("#disconnect-no")?.focus();
    };
    return { button, confirmation };
  }

  /** The tabs pattern (WAI-ARIA APG): one tab stop, arrow keys move between tabs, Home and End go to the ends. */
  private tabList(tabs: Tab[]): HTMLElement {
    const tabLabel: Record<Tab, StringKey> = { report: "tabReport", status: "tabStatus", units: "tabUnits", province: "tabProvince" };
    const selectTab = (tab: Tab) => {
      this.tab = tab;
      this.render();
      this.root.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
    };
    const onTabKey = (event: KeyboardEvent) => {
      const index = tabs.indexOf(this.tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(tabs[(next + tabs.length) % tabs.length] as Tab);
    };
    return h(
      "div",
      { class: "tabs", role: "tablist", "aria-label": this.t("title") },
      ...tabs.map((tab) =>
        h(
          "button",
          {
            role: "tab",
            id: `tab-${tab}`,
            "aria-selected": String(tab === this.tab),
            "aria-controls": `panel-${tab}`,
            tabindex: tab === this.tab ? 0 : -1,
            class: tab === this.tab ? "tab selected" : "tab",
            onclick: () => selectTab(tab),
            onkeydown: onTabKey as EventListener,
          },
          this.t(tabLabel[tab]),
        ),
      ),
    );
  }
}
