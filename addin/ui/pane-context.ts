import type { ApiClient, Me } from "../../shared/api/api-client.ts";
import type { FormSetLookup } from "../../shared/forms/form-set.ts";
import type { Language, StringKey } from "../logic/i18n.ts";
import type { ReportSession } from "../logic/report-session.ts";
import type { Submitter } from "../logic/submitter.ts";
import type { ReportWorkbook } from "../workbook/report-workbook.ts";

/** What every view of the pane works with. */
export interface PaneContext {
  language: Language;
  /** The task pane inside Excel, or the web page over a workbook file (no cell to select: addresses are typed). */
  surface: "pane" | "page";
  t: (key: StringKey, values?: Record<string, string | number>) => string;
  /** A server timestamp for display (Beijing time). */
  time: (iso: string) => string;
  workbook: ReportWorkbook;
  /** The form set of an edition this pane knows: every workbook, period and revision is read in its own edition's. */
  formSetOf: FormSetLookup;
  api: ApiClient;
  me: Me;
  session: ReportSession | undefined;
  submitter: Submitter;
  /** Re-reads the workbook (after a template was inserted) and redraws. */
  reopen: () => Promise<void>;
  /** A failed request or Excel operation said in plain words. */
  failure: (error: unknown) => string;
  /** Shows a failure at the top of the pane (for actions without a message line of their own). */
  alert: (error: unknown) => void;
}
