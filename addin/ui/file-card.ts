import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";
import { XLSX_READ_LIMITS } from "../../shared/xlsx/read-xlsx.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { WorkbookReadError } from "../../shared/workbook/read-report.ts";
import { RosterReadError } from "../../shared/roster/roster-from-sheets.ts";
import { type FileReportWorkbook, OtherUnitWorkbookError } from "../file/file-report-workbook.ts";
import type { Language, StringKey } from "../logic/i18n.ts";
import { fileErrorLine, formatTime, text } from "../logic/i18n.ts";
import { h } from "./dom.ts";

/** What the card reads a report from: a file the clerk dropped or picked, with its handle where the browser gives one. */
interface Source {
  file: File;
  /** File System Access: read again when the window regains focus (the clerk saved in WPS and came back). */
  handle?: FileSystemFileHandle;
}

/** Chromium's File System Access API, where there is one (not in the DOM typings of every browser). */
type PickerWindow = Window & { showOpenFilePicker?: (options: object) => Promise<FileSystemFileHandle[]> };
type HandleItem = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> };

/** How a read ended: the file is loaded, it is refused (said why), or the browser could not read its bytes. */
type ReadOutcome = "loaded" | "refused" | "unreadable";

const MiB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * The web page's report file: drop it anywhere on the page or pick it; the page reads it with the
 * command line's reader and the pane's views show its issues. Where the browser keeps the file's
 * handle (File System Access), the page reads it again whenever the window regains focus; elsewhere
 * 重新检查 reads it again (or asks for it again where the browser cannot). The workbook comes back
 * with the explanations typed here in its 说明 sheet.
 */
export class FileCard {
  readonly element: HTMLElement;
  private source: Source | undefined;
  private lastModified = 0;
  /** 第 2 步 until a file is loaded (the template is step 1), then just 报表文件. */
  private readonly title = h("h2", { id: "report-file-title" });
  private readonly state = h("p", { class: "muted", id: "file-state", role: "status" });
  private readonly error = h("p", { class: "message error", id: "file-error", role: "alert", hidden: true });
  private readonly input: HTMLInputElement;
  private readonly recheck: HTMLButtonElement;
  private readonly downloadButton: HTMLButtonElement;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly workbook: FileReportWorkbook,
    private readonly language: Language,
    /** The file changed: the pane's views read the workbook again. */
    private readonly onLoaded: () => Promise<void>,
    /** The signed-in clerk's unit: another unit's workbook is refused (undefined: any, as for a reviewer or before sign-in). */
    private readonly ownUnit: () => string | undefined = () => undefined,
  ) {
    const t = this.t;
    this.input = h("input", {
      type: "file",
      id: "file-input",
      accept: `.xlsx,${XLSX_MEDIA_TYPE}`,
      class: "visually-hidden",
      tabindex: -1,
      "aria-label": t("chooseFile"),
    });
    const choose = h("button", { class: "secondary", id: "choose-file", onclick: () => void this.choose() }, t("chooseFile"));
    this.recheck = h("button", { class: "secondary", id: "recheck", hidden: true, onclick: () => void this.readAgain(true) }, t("recheck"));
    this.downloadButton = h("button", { class: "link", id: "download-filled", hidden: true, onclick: () => void this.download() }, t("downloadFilled"));
    this.title.textContent = t("reportFileStep");
    this.input.addEventListener("change", () => {
      const file = this.input.files?.[0];
      if (file) void this.take({ file });
      this.input.value = "";
    });
    this.element = h(
      "section",
      { class: "card drop-zone", id: "drop-zone", "aria-labelledby": "report-file-title" },
      this.title,
      h("p", {}, t("dropHere"), " ", choose),
      this.input,
      this.state,
      this.error,
      h("div", { class: "actions" }, this.recheck, this.downloadButton),
    );
    // The whole page takes a drop: a file let go beside the card must not replace the page with the browser's view of it.
    addEventListener("dragover", (event) => {
      event.preventDefault();
      this.element.classList.add("dragging");
    });
    addEventListener("dragleave", (event) => {
      if (!event.relatedTarget) this.element.classList.remove("dragging");
    });
    addEventListener("drop", (event) => {
      event.preventDefault();
      this.element.classList.remove("dragging");
      void this.dropped(event.dataTransfer);
    });
    addEventListener("focus", () => void this.readAgain(false));
  }

  private readonly t = (key: StringKey, values?: Record<string, string | number>) => text(this.language, key, values);

  /** The last read has finished (tests and the bench wait on it). */
  settled(): Promise<void> {
    return this.reading;
  }

  private async dropped(transfer: DataTransfer | null): Promise<void> {
    const item = [...(transfer?.items ?? [])].find((candidate) => candidate.kind === "file") as HandleItem | undefined;
    const handle = await item?.getAsFileSystemHandle?.().catch(() => null);
    if (handle?.kind === "file") return this.take({ file: await (handle as FileSystemFileHandle).getFile(), handle: handle as FileSystemFileHandle });
    const file = transfer?.files[0];
    if (file) await this.take({ file });
  }

  private async choose(): Promise<void> {
    const picker = (window as PickerWindow).showOpenFilePicker;
    if (!picker) return this.input.click();
    try {
      const [handle] = await picker({ types: [{ description: "Excel", accept: { [XLSX_MEDIA_TYPE]: [".xlsx"] } }] });
      if (handle) await this.take({ file: await handle.getFile(), handle });
    } catch (error) {
      // The picker's own words are the browser's: the clerk hears ours.
      if ((error as DOMException).name !== "AbortError") this.fail(fileErrorLine("filePickerFailed", () => ({})));
    }
  }

  /**
   * Reads the file again: on focus only when it changed on disk; on 重新检查 always. A file the browser
   * can no longer read (saved since, and no handle to it) is forgotten, so its issues are not shown as
   * current, and the clerk is asked for it again.
   */
  private async readAgain(asked: boolean): Promise<void> {
    const source = this.source;
    if (!source) return asked ? this.choose() : undefined;
    const file = source.handle ? await source.handle.getFile().catch(() => undefined) : source.file;
    if (file && !asked && file.lastModified === this.lastModified) return;
    const outcome = file ? await this.open({ file, ...(source.handle && { handle: source.handle }) }) : "unreadable";
    if (outcome !== "unreadable") return;
    this.forget();
    this.fail(fileErrorLine("fileNotReadable", () => ({ file: source.file.name })));
    await this.onLoaded();
    if (asked) await this.choose();
  }

  /** A file the clerk just gave: read, or said why not. */
  private async take(source: Source): Promise<void> {
    if ((await this.open(source)) === "unreadable") this.fail(fileErrorLine("fileNotReadable", () => ({ file: source.file.name })));
  }

  private open(source: Source): Promise<ReadOutcome> {
    const outcome = this.reading.then(() => this.read(source));
    this.reading = outcome.then(() => undefined);
    return outcome;
  }

  private forget(): void {
    this.workbook.unload();
    this.source = undefined;
    this.state.replaceChildren();
    this.recheck.hidden = true;
    this.downloadButton.hidden = true;
    this.title.textContent = this.t("reportFileStep");
  }

  private async read({ file, handle }: Source): Promise<ReadOutcome> {
    const name = file.name;
    if (!/\.xlsx$/i.test(name)) return this.refuse(fileErrorLine("fileNotXlsx", () => ({ file: name })));
    if (file.size > XLSX_READ_LIMITS.totalBytes)
      return this.refuse(fileErrorLine("fileTooLarge", () => ({ file: name, max: MiB(XLSX_READ_LIMITS.totalBytes) })));
    const shown = [...this.state.childNodes];
    this.state.textContent = this.t("fileReading", { file: name });
    const bytes = await file.arrayBuffer().catch(() => undefined);
    if (!bytes) {
      this.state.replaceChildren(...shown);
      return "unreadable";
    }
    try {
      this.workbook.load(new Uint8Array(bytes), name, this.ownUnit());
    } catch (error) {
      this.state.replaceChildren(...shown); // the file read before stays, and so does what the card said of it
      return this.refuse(this.refusal(name, error));
    }
    this.source = { file, ...(handle && { handle }) };
    this.lastModified = file.lastModified;
    this.error.hidden = true;
    this.state.replaceChildren(
      this.t("fileLoaded", { file: name, time: formatTime(this.language, new Date().toISOString()) }),
      " ",
      this.t(handle ? "fileWatched" : "fileNotWatched"),
    );
    this.recheck.hidden = false;
    // A roster is the clerk's own file: nothing typed on the page to put back into it.
    this.downloadButton.hidden = this.workbook.holdsRoster;
    this.title.textContent = this.t("reportFile");
    await this.onLoaded();
    this.element.dispatchEvent(new CustomEvent("tianbao:file-loaded", { bubbles: true, detail: { file: name } }));
    return "loaded";
  }

  /** Why a file that was read is not loaded, in one line: another unit's report, not a workbook at all, or the reader's words. */
  private refusal(file: string, error: unknown): string {
    if (error instanceof OtherUnitWorkbookError) {
      const own = this.ownUnit() ?? "";
      return fileErrorLine("fileOtherUnit", (language) => ({ file, unit: unitNameOf(error.unitCode, language), own: unitNameOf(own, language) }));
    }
    if (error instanceof WorkbookReadError && error.code === "not-xlsx") return fileErrorLine("fileNotWorkbook", () => ({ file }));
    if (error instanceof WorkbookReadError || error instanceof RosterReadError)
      return fileErrorLine("fileUnreadable", (language) => ({ file, detail: language === "zh" ? error.messageZh : error.messageEn }));
    return fileErrorLine("fileUnreadable", () => ({ file, detail: String(error) }));
  }

  private refuse(message: string): "refused" {
    this.fail(message);
    return "refused";
  }

  private fail(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  private async download(): Promise<void> {
    try {
      const { bytes, fileName } = await this.workbook.download();
      const link = h("a", { href: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MEDIA_TYPE })), download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }
}
