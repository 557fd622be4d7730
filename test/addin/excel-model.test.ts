// The model of the Excel JavaScript API that the add-in's tests run on (test/support/excel-model):
// each documented behaviour it reproduces, shown here so that nobody can weaken it unnoticed.
// Sources are cited beside each behaviour in the model's code.
import { describe, expect, it } from "vitest";
import { writeXlsx } from "../../shared/xlsx/write-xlsx.ts";
import { ExcelHost, hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { OfficeExtensionError } from "../support/excel-model/office-error.ts";
import { PLATFORMS } from "../support/excel-model/platforms.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";

/** A small workbook: inputs in B2:B3, their sum in B4, a text-formatted column C, a second sheet. */
function bookBytes(): Uint8Array {
  return writeXlsx({
    sheets: [
      {
        name: "数据 表",
        cells: new Map([
          ["A1", { value: "项目" }],
          ["B2", { value: 1 }],
          ["B3", { value: 2 }],
          ["B4", { formula: "SUM(B2:B3)", value: 3 }],
          ["C2", { value: null, style: { numberFormat: "@" } }],
        ]),
      },
      { name: "说明", cells: new Map([["A1", { value: "说明" }]]) },
    ],
  });
}

function install(platform: PlatformId = "web"): ExcelHost {
  const host = hostWithWorkbook(bookBytes(), { platform });
  host.install();
  return host;
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "no error";
  } catch (error) {
    return error instanceof OfficeExtensionError ? error.code : String(error);
  }
};

describe("the Excel model: proxies and the command queue", () => {
  it("throws PropertyNotLoaded for a property read before load() and sync(), and holds the value as of that sync", async () => {
    const host = install();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("数据 表").getRange("B2:B4");
      expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
      range.load("values");
      expect(() => range.values).toThrow(OfficeExtensionError);
      await context.sync();
      expect(range.values).toEqual([[1], [2], [3]]);
      host.type("数据 表", "B2", 10);
      expect(range.values).toEqual([[1], [2], [3]]); // a snapshot: load again to see the edit
      range.load("values");
      await context.sync();
      expect(range.values).toEqual([[10], [2], [12]]);
    });
  });

  it("runs commands only at sync(), in order, and counts the syncs", async () => {
    const host = install();
    host.syncs = 0;
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("数据 表");
      sheet.getRange("B2").values = [[5]];
      sheet.getRange("B2").values = [[6]];
      expect(host.value("数据 表", "B2")).toBe(1);
      await context.sync();
      expect(host.value("数据 表", "B2")).toBe(6);
    });
    expect(host.syncs).toBe(1);
    expect(host.log.slice(-2)).toEqual(["Range.values", "Range.values"]);
  });

  it("rejects the sync at the first failing command: later commands do not run, earlier ones stay done", async () => {
    const host = install();
    const outcome = codeOf(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("数据 表");
        sheet.getRange("B2").values = [[7]];
        context.workbook.worksheets.getItem("没有这张表").getRange("A1").values = [[1]];
        sheet.getRange("B3").values = [[8]];
        await context.sync();
      }),
    );
    expect(await outcome).toBe("ItemNotFound");
    expect([host.value("数据 表", "B2"), host.value("数据 表", "B3")]).toEqual([7, 2]);
  });

  it("also flushes commands queued after the last sync when the batch resolves (Excel.run's implicit sync)", async () => {
    const host = install();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("说明").getRange("A2").values = [["写入"]];
    });
    expect(host.value("说明", "A2")).toBe("写入");
  });

  it("finds sheets by name or id; a renamed sheet is ItemNotFound by its old name; getItemOrNullObject answers isNullObject", async () => {
    const host = install();
    const id = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("说明").load("id");
      await context.sync();
      return sheet.id;
    });
    host.renameSheet("说明", "说明(旧)");
    expect(await codeOf(Excel.run(async (context) => (context.workbook.worksheets.getItem("说明").load("name"), context.sync())))).toBe("ItemNotFound");
    const [byId, missing] = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(id).load("name");
      const nothing = context.workbook.worksheets.getItemOrNullObject("说明");
      await context.sync();
      return [sheet.name, nothing.isNullObject];
    });
    expect([byId, missing]).toEqual(["说明(旧)", true]);
  });

  it("answers ApiNotFound at sync for a member above the platform's requirement set, and isSetSupported per platform", async () => {
    install("office2019volume");
    expect([Office.context.requirements.isSetSupported("ExcelApi", "1.7"), Office.context.requirements.isSetSupported("ExcelApi", "1.8")]).toEqual([
      true,
      false,
    ]);
    expect(await codeOf(Excel.run(async (context) => ((context.runtime.enableEvents = false), context.sync())))).toBe("ApiNotFound");
    expect(await codeOf(Excel.createWorkbook())).toBe("ApiNotFound");
    const support = Object.values(PLATFORMS).map((platform) => {
      new ExcelHost(undefined, { platform: platform.id }).install();
      return [
        platform.id,
        ["1.7", "1.8", "1.13", "1.14", "1.17", "1.21"].filter((version) => Office.context.requirements.isSetSupported("ExcelApi", version)).at(-1),
      ];
    });
    expect(Object.fromEntries(support)).toEqual({
      web: "1.21",
      windows365: "1.21",
      mac365: "1.21",
      office2024: "1.17",
      office2021: "1.14",
      office2019volume: "1.7",
      ipad: "1.21",
    });
  });

  it("counts, when asked, the bytes each sync's response carries: the JSON of what its loads return (Excel on the web allows 5 MB)", async () => {
    const host = install();
    host.responseBytes = [];
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("数据 表");
      sheet.getRange("B2").values = [[5]];
      await context.sync();
      const range = sheet.getRange("A1:B4").load("values,address");
      await context.sync();
      expect(range.values).toEqual([
        ["项目", ""],
        ["", 5],
        ["", 2],
        ["", 7],
      ]);
    });
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
    expect(host.responseBytes).toEqual([
      0,
      json([
        ["项目", ""],
        ["", 5],
        ["", 2],
        ["", 7],
      ]) + json("'数据 表'!A1:B4"),
    ]);
  });

  it("returns the used range where the values are, not from A1; the top-left cell of a blank sheet", async () => {
    const host = install();
    host.workbook.addSheet("空白");
    host.paste("说明", "C5", [["x", "y"]]);
    const [used, blank] = await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem("说明").getUsedRange(true).load("address,rowIndex,columnIndex");
      const blank = context.workbook.worksheets.getItem("空白").getUsedRange(true).load("address");
      await context.sync();
      return [[used.address, used.rowIndex, used.columnIndex], blank.address];
    });
    expect(used).toEqual(["说明!A1:D5", 0, 0]);
    host.deleteSheet("空白");
    host.workbook.addSheet("只有中间");
    host.paste("只有中间", "C5", [["x"]]);
    const middle = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("只有中间").getUsedRange(true).load("rowIndex,columnIndex");
      await context.sync();
      return [range.rowIndex, range.columnIndex];
    });
    expect([blank, middle]).toEqual(["空白!A1", [4, 2]]);
  });
});

describe("the Excel model: recalculation and events", () => {
  it("recalculates formula cells when an input changes, and raises a change event for the edited cell only", async () => {
    const host = install();
    const events: { address: string; changeType: string; details?: unknown }[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("数据 表").onChanged.add(async (event) => void events.push(event));
      await context.sync();
    });
    host.type("数据 表", "B2", 40);
    await host.whenIdle();
    expect(host.value("数据 表", "B4")).toBe(42);
    expect(events).toEqual([expect.objectContaining({ address: "B2", changeType: "RangeEdited", details: { valueBefore: 1, valueAfter: 40 } })]);
  });

  it("raises one event without details for a paste, and whole-row addresses for inserted and deleted rows", async () => {
    const host = install();
    const events: { address: string; changeType: string; details?: unknown }[] = [];
    await Excel.run(
      async (context) => (context.workbook.worksheets.getItem("数据 表").onChanged.add(async (event) => void events.push(event)), context.sync()),
    );
    host.paste("数据 表", "B2", [[3], [4]]);
    host.insertRows("数据 表", 3, 2);
    host.deleteRows("数据 表", 3, 2);
    await host.whenIdle();
    expect(events.map((event) => [event.address, event.changeType, "details" in event])).toEqual([
      ["B2:B3", "RangeEdited", false],
      ["3:4", "RowInserted", false],
      ["3:4", "RowDeleted", false],
    ]);
    expect(host.value("数据 表", "B4")).toBe(7);
  });

  it("raises events for the add-in's own writes unless it turned events off — one flag that outlives the batch, and a failed batch leaves it off", async () => {
    const host = install();
    const events: string[] = [];
    await Excel.run(
      async (context) => (context.workbook.worksheets.getItem("说明").onChanged.add(async (event) => void events.push(event.address)), context.sync()),
    );
    await Excel.run(async (context) => ((context.workbook.worksheets.getItem("说明").getRange("A2").values = [["一"]]), context.sync()));
    await host.whenIdle();
    expect(events).toEqual(["A2"]);
    const failed = codeOf(
      Excel.run(async (context) => {
        context.runtime.enableEvents = false;
        context.workbook.worksheets.getItem("不存在").getRange("A1").values = [[1]];
        context.runtime.enableEvents = true;
        await context.sync();
      }),
    );
    expect(await failed).toBe("ItemNotFound");
    host.type("说明", "A3", "用户输入");
    await host.whenIdle();
    expect([events, host.eventsEnabled]).toEqual([["A2"], false]); // the clerk's edit is lost to the add-in
  });

  it("resolves whenIdle once every pending event is delivered and what its handler started has returned, however slow the machine", async () => {
    const host = install();
    const seen: string[] = [];
    await Excel.run(async (context) => {
      // Each edit of 数据 表 writes a note to 说明 (one more batch, one more event): a chain of timers and round trips.
      context.workbook.worksheets.getItem("数据 表").onChanged.add(async (event) => {
        seen.push(event.address);
        await Excel.run(async (inner) => ((inner.workbook.worksheets.getItem("说明").getRange("B1").values = [[event.address]]), inner.sync()));
      });
      context.workbook.worksheets.getItem("说明").onChanged.add(async (event) => void seen.push(`说明!${event.address}`));
      await context.sync();
    });
    host.type("数据 表", "B2", 5);
    host.type("数据 表", "B3", 6);
    expect(seen).toEqual([]); // Excel delivers events after the change, never inside it
    await host.whenIdle();
    expect(seen).toEqual(["B2", "B3", "说明!B1", "说明!B1"]);
    expect(host.value("说明", "B1")).toBe("B3");
  });

  it("raises Worksheet.onSelectionChanged with the new selection when the clerk clicks a cell of that sheet, as late as onChanged", async () => {
    const host = install();
    const selections: string[] = [];
    await Excel.run(
      async (context) => (
        context.workbook.worksheets.getItem("数据 表").onSelectionChanged.add(async (event) => void selections.push(event.address)), context.sync()
      ),
    );
    host.selectCell("数据 表", "B3");
    host.selectCell("说明", "A1");
    expect(selections).toEqual([]);
    await host.whenIdle();
    expect(selections).toEqual(["B3"]);
  });

  it("has the reported gaps in change events: no event for a list pick on the web or on Windows (#3888, #4066, #420), none for a fill across hidden rows on Windows (#1110)", async () => {
    const gapsOf = async (platform: PlatformId) => {
      const host = install(platform);
      const events: string[] = [];
      await Excel.run(
        async (context) => (context.workbook.worksheets.getItem("数据 表").onChanged.add(async (event) => void events.push(event.address)), context.sync()),
      );
      host.pickFromList("数据 表", "C2", "1");
      host.hideRows("数据 表", 3, 1);
      host.fillDown("数据 表", "B2:B4");
      await host.whenIdle();
      expect(host.value("数据 表", "B3")).toBe(2); // the hidden row is skipped by the fill
      host.gaps.dropdownPickRaisesNoEvent = false;
      host.pickFromList("数据 表", "C2", "2");
      await host.whenIdle();
      return events;
    };
    expect(await gapsOf("web")).toEqual(["B2:B4", "C2"]);
    expect(await gapsOf("windows365")).toEqual(["C2"]);
    expect(await gapsOf("mac365")).toEqual(["C2", "B2:B4", "C2"]);
  });
});

describe("the Excel model: cell-edit mode, writes, settings, workbooks", () => {
  it("rejects a batch while the clerk edits a cell, unless the run is delayed, which runs it after the edit", async () => {
    const host = install();
    host.beginCellEdit("数据 表", "B2");
    expect(await codeOf(Excel.run(async (context) => (context.workbook.worksheets.getItem("数据 表").getRange("B3").load("values"), context.sync())))).toBe(
      "InvalidOperationInCellEditMode",
    );
    const delayed = Excel.run({ delayForCellEdit: true }, async (context) => {
      const range = context.workbook.worksheets.getItem("数据 表").getRange("B4").load("values");
      await context.sync();
      return range.values[0]?.[0];
    });
    await host.whenIdle();
    host.endCellEdit(100);
    expect(await delayed).toBe(102);
  });

  it("turns written text starting with = into a formula and numeric text into a number, except in a text-formatted cell", async () => {
    const host = install();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("数据 表");
      sheet.getRange("D2:D3").values = [["=1+2"], ["0012"]];
      sheet.getRange("C2").values = [["=1+2"]];
      sheet.getRange("E2").numberFormat = [["@"]];
      sheet.getRange("E2").values = [["0012"]];
      await context.sync();
    });
    expect([
      host.value("数据 表", "D2"),
      host.formula("数据 表", "D2"),
      host.value("数据 表", "D3"),
      host.value("数据 表", "C2"),
      host.value("数据 表", "E2"),
    ]).toEqual([3, "=1+2", 12, "=1+2", "0012"]);
  });

  it("keeps document settings in memory until saveAsync, in the document after it, and in the file only once the workbook is saved", async () => {
    const host = install();
    const save = () => new Promise<string>((resolve) => Office.context.document.settings.saveAsync((result) => resolve(String(result.status))));
    Office.context.document.settings.set("queue", "[1]");
    expect(host.workbook.settings.inDocument.has("queue")).toBe(false);
    expect(await save()).toBe("succeeded");
    host.reopenWithoutSaving();
    expect(Office.context.document.settings.get("queue")).toBeNull();
    Office.context.document.settings.set("queue", "[2]");
    await save();
    host.saveWorkbook();
    host.reopenWithoutSaving();
    expect(Office.context.document.settings.get("queue")).toBe("[2]");
    host.workbook.settings.failSaves = true;
    expect(await save()).toBe("failed");
  });

  it("fails saveAsync when the settings are more than 2 MB as JSON (Microsoft on office-js #621; #3957 saw failures from about 1 MB), keeping what was saved before", async () => {
    const host = install();
    const save = () =>
      new Promise<string>((resolve) =>
        Office.context.document.settings.saveAsync((result) => resolve(String(result.status) === "failed" ? String(result.error?.message) : "succeeded")),
      );
    Office.context.document.settings.set("queue", "一".repeat(600_000)); // 1.8 MB in UTF-8
    expect(await save()).toBe("succeeded");
    Office.context.document.settings.set("queue", "一".repeat(800_000)); // 2.4 MB
    expect(await save()).toBe("The argument is invalid or missing or has an incorrect format.");
    expect((host.workbook.settings.inDocument.get("queue") as string).length).toBe(600_000);
  });

  it("inserts sheets from base64 (renaming names in use) and returns their ids; not on iPad; createWorkbook opens a separate workbook", async () => {
    const host = install();
    const ids = await Excel.run(async (context) => {
      const result = context.workbook.insertWorksheetsFromBase64(btoa(String.fromCharCode(...bookBytes())));
      expect(() => result.value).toThrow(OfficeExtensionError);
      await context.sync();
      return result.value;
    });
    expect(ids.map((id) => host.workbook.sheet(id)?.name)).toEqual(["数据 表 (2)", "说明 (2)"]);
    expect(host.value("数据 表 (2)", "B4")).toBe(3);

    const ipad = install("ipad");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
    expect(
      await codeOf(Excel.run(async (context) => (context.workbook.insertWorksheetsFromBase64(btoa(String.fromCharCode(...bookBytes()))), context.sync()))),
    ).toBe("ApiNotFound");
    await Excel.createWorkbook(btoa(String.fromCharCode(...bookBytes())));
    expect(ipad.openedWorkbooks.map((workbook) => workbook.sheets.map((sheet) => sheet.name))).toEqual([["数据 表", "说明"]]);
    expect(ipad.workbook.sheets.map((sheet) => sheet.name)).toEqual(["数据 表", "说明"]);
  });

  it("gives the active cell's address sheet-qualified, quoted where the name needs it", async () => {
    const host = install();
    const addressOf = () =>
      Excel.run(async (context) => {
        const cell = context.workbook.getActiveCell().load("address");
        await context.sync();
        return cell.address;
      });
    host.selectCell("数据 表", "B3");
    expect(await addressOf()).toBe("'数据 表'!B3");
    host.selectCell("说明", "A1");
    expect(await addressOf()).toBe("说明!A1");
  });
});

describe("the Excel model: undo, saving, manual calculation", () => {
  // Each sync is one undo record (Excel.run's mergeUndoGroup would merge them; the add-in does not ask);
  // Ctrl+Z puts the cells back and raises no event; Workbook.save and insertWorksheetsFromBase64 are
  // "Unsupported APIs" for undo, which clear the user's undo stack.
  // Source: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities
  it("makes each sync of the add-in's writes one undo record, which the clerk's Ctrl+Z reverts without an event", async () => {
    const host = install();
    const heard: string[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("说明").onChanged.add(async (event) => void heard.push(event.address));
      await context.sync();
    });
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("说明").getRange("A2:B2");
      range.numberFormat = [["@", "@"]];
      range.values = [["0012", "第一条"]];
      await context.sync();
      context.workbook.worksheets.getItem("说明").getRange("A3").values = [["第二条"]];
      await context.sync();
    });
    await host.whenIdle();
    expect(host.undoStack).toHaveLength(2);
    heard.length = 0;
    expect(host.undo()).toBe(true);
    expect([host.value("说明", "A2"), host.value("说明", "A3")]).toEqual(["0012", ""]);
    expect(host.undo()).toBe(true);
    expect([host.value("说明", "A2"), host.value("说明", "B2"), host.value("说明", "A1")]).toEqual(["", "", "说明"]);
    expect(host.workbook.numberFormat(host.workbook.sheet("说明")!, 1, 0)).toBe("General");
    expect(host.undo()).toBe(false);
    await host.whenIdle();
    expect(heard).toEqual([]);
  });

  it("clears the undo stack when the add-in inserts sheets from base64, another of the undo article's unsupported APIs", async () => {
    const host = install();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("说明").getRange("A2").values = [["x"]];
      await context.sync();
    });
    expect(host.undoStack).toHaveLength(1);
    await Excel.run(async (context) => {
      context.workbook.insertWorksheetsFromBase64(btoa(String.fromCharCode(...bookBytes())));
      await context.sync();
    });
    expect(host.undoStack).toHaveLength(0);
  });

  // SaveBehavior.save: "If file is not saved, it will save it with default name in the default
  // location" (excel.savebehavior); getFilePropertiesAsync fails on a new Excel workbook (office-js #3509).
  it("has a new workbook without a file, which Workbook.save puts in the default location, clearing the undo stack; the clerk's Ctrl+S keeps undo", async () => {
    const host = new ExcelHost();
    host.install();
    const fileUrl = () =>
      new Promise<string | undefined>((resolve) =>
        Office.context.document.getFilePropertiesAsync((result) =>
          resolve(result.status === Office.AsyncResultStatus.Succeeded ? result.value.url : undefined),
        ),
      );
    expect(await fileUrl()).toBeUndefined();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    });
    host.saveWorkbook();
    expect([host.undoStack.length, host.workbook.savedToDefaultLocation]).toEqual([1, false]);

    const fresh = new ExcelHost();
    fresh.install();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
      context.workbook.save(Excel.SaveBehavior.save);
      await context.sync();
    });
    expect([fresh.undoStack.length, fresh.workbook.savedToDefaultLocation, fresh.workbook.hasFile]).toEqual([0, true, true]);
    expect(await fileUrl()).toMatch(/\.xlsx$/);
    expect(install().workbook.hasFile).toBe(true); // opened from a file
  });

  // Application.calculationMode "is a runtime property. The calculationMode setting is not persisted in
  // the workbook" (excel.application, ExcelApi 1.1 get / 1.8 set); calculate(recalculate) is ExcelApi 1.1;
  // in manual mode Excel recalculates only on F9 (Microsoft Support, "Change formula recalculation…").
  it("keeps formula results stale in manual calculation mode until F9 or Application.calculate", async () => {
    const host = install();
    host.setCalculationMode("Manual");
    host.type("数据 表", "B2", 10);
    expect(host.value("数据 表", "B4")).toBe(3);
    const mode = await Excel.run(async (context) => {
      const application = context.workbook.application.load("calculationMode");
      await context.sync();
      return application.calculationMode;
    });
    expect(mode).toBe("Manual");
    await Excel.run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.recalculate);
      await context.sync();
    });
    expect(host.value("数据 表", "B4")).toBe(12);
    host.type("数据 表", "B3", 20);
    expect(host.value("数据 表", "B4")).toBe(12);
    host.calculate();
    expect(host.value("数据 表", "B4")).toBe(30);
    host.setCalculationMode("Automatic");
    host.type("数据 表", "B3", 0);
    expect(host.value("数据 表", "B4")).toBe(10);
  });
});

describe("the Excel model: co-authors", () => {
  // "When you change a workbook's content, Excel automatically synchronizes those changes across all
  // coauthors" ("Coauthoring in Excel add-ins",
  // https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins);
  // WorksheetChangedEventArgs.source is an Excel.EventSource: "Local means the event comes from a local
  // user session", "Remote means the event comes from a remote user session"
  // (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-source-member).
  it("raises a co-author's edit, typed or written by their add-in, on this client's onChanged with source Remote; this client's own as Local", async () => {
    const host = install();
    const coauthor = host.coauthor();
    const heard: string[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("数据 表").onChanged.add(async (event) => void heard.push(`${event.source} ${event.address}`));
      await context.sync();
    });
    coauthor.type("数据 表", "B2", 40);
    const theirs: Record<string, unknown> = {};
    coauthor.install(theirs);
    await (theirs.Excel as typeof Excel).run(async (context) => {
      context.workbook.worksheets.getItem("数据 表").getRange("B3").values = [[2]];
      await context.sync();
    });
    await host.whenIdle();
    host.type("数据 表", "D2", "x");
    await host.whenIdle();
    expect(heard).toEqual(["Remote B2", "Remote B3", "Local D2"]);
    expect([host.value("数据 表", "B4"), coauthor.value("数据 表", "B4")]).toEqual([42, 42]);
    expect([host.undoStack.length, coauthor.undoStack.length]).toEqual([0, 1]); // each Excel undoes its own writes
  });

  // Settings.refreshAsync: "each add-in is working against an in-memory copy of the settings loaded from
  // the document at the time the user opened it, the settings values used by each user can get out of
  // sync. This can happen whenever an instance of the add-in calls the Settings.saveAsync method to
  // persist all of that user's settings to the document"; refreshAsync "Reads all settings persisted in
  // the document and refreshes the … add-in's copy of those settings held in memory"
  // (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-refreshasync-member(1)).
  it("keeps document settings per client until refreshAsync; saveAsync persists the whole copy, so the last client to save wins", async () => {
    const host = install();
    const coauthor = host.coauthor();
    const theirs: Record<string, unknown> = {};
    coauthor.install(theirs);
    const their = (theirs.Office as typeof Office).context.document.settings;
    const mine = Office.context.document.settings;
    const saved = (settings: Office.Settings) => new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
    their.set("queue", "theirs");
    await saved(their);
    expect([mine.get("queue"), host.workbook.settings.inDocument.get("queue")]).toEqual([null, "theirs"]);
    await new Promise<void>((resolve) => mine.refreshAsync(() => resolve()));
    expect(mine.get("queue")).toBe("theirs");
    their.set("other", 1); // their copy has no "mine": their save takes it away
    mine.set("mine", 2);
    await saved(mine);
    await saved(their);
    expect(Object.fromEntries(host.workbook.settings.inDocument)).toEqual({ queue: "theirs", other: 1 });
  });

  // settingsChanged "will fire only when the add-in is loaded with a spreadsheet that is opened in Excel on
  // the web, and more than one user is editing the spreadsheet (coauthoring)"
  // (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-addhandlerasync-member(1)).
  it("raises settingsChanged on the other clients when a co-author's saveAsync persists, on Excel on the web only", async () => {
    const heardOn = async (platform: PlatformId) => {
      const host = install(platform);
      const coauthor = host.coauthor();
      const theirs: Record<string, unknown> = {};
      coauthor.install(theirs);
      let heard = 0;
      Office.context.document.settings.addHandlerAsync(Office.EventType.SettingsChanged, () => void heard++);
      (theirs.Office as typeof Office).context.document.settings.saveAsync();
      Office.context.document.settings.saveAsync(); // its own save is not a change it hears of
      await host.whenIdle();
      return heard;
    };
    expect([await heardOn("web"), await heardOn("windows365")]).toEqual([1, 0]);
  });
});
