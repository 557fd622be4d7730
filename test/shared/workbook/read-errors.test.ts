import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { WorkbookReadError, readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import type { WorkbookReadErrorCode } from "../../../shared/workbook/read-report.ts";
import { reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { parseA1, toA1 } from "../../../shared/xlsx/cell-address.ts";
import type { XlsxCell, XlsxSheet, XlsxWorkbook } from "../../../shared/xlsx/model.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { sampleReport } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const filled = () => reportTemplateWorkbook({ formSet: currentFormSet, unit: jinan, period: "2019", report: sampleReport(jinan) });
const sheetNamed = (workbook: XlsxWorkbook, prefix: string) => workbook.sheets.find((sheet) => sheet.name.startsWith(prefix))!;

/** What a clerk's spreadsheet program does when a row or column is inserted: everything after it moves. */
function insert(sheet: XlsxSheet, at: { row?: number; col?: number }): void {
  const moved = new Map<string, XlsxCell>();
  for (const [a1, cell] of sheet.cells) {
    const { row, col } = parseA1(a1);
    const shiftRow = at.row !== undefined && row >= at.row ? 1 : 0;
    const shiftCol = at.col !== undefined && col >= at.col ? 1 : 0;
    moved.set(toA1(row + shiftRow, col + shiftCol), cell);
  }
  sheet.cells = moved;
}

function readError(bytes: Uint8Array): WorkbookReadError {
  try {
    readReportWorkbook(bytes, { formSetOf });
  } catch (error) {
    if (error instanceof WorkbookReadError) return error;
    throw error;
  }
  throw new Error("the workbook was read without an error");
}

const damaged = (damage: (workbook: XlsxWorkbook) => void): Uint8Array => {
  const workbook = filled();
  damage(workbook);
  return writeXlsx(workbook);
};
const setMeta = (key: number, value: string) => (workbook: XlsxWorkbook) => {
  sheetNamed(workbook, "_meta").cells.set(`B${key}`, { value });
};

const cases: { name: string; bytes: () => Uint8Array; code: WorkbookReadErrorCode; message: string }[] = [
  { name: "not a zip", bytes: () => new TextEncoder().encode("代码,名称\n370102,历下区"), code: "not-xlsx", message: "无法读取文件" },
  {
    name: "a zip but no workbook",
    bytes: () => writeXlsx({ sheets: [{ name: "Sheet1", cells: new Map() }] }).slice(0, 100),
    code: "not-xlsx",
    message: "not a readable .xlsx workbook",
  },
  {
    name: "no _meta sheet",
    bytes: () => damaged((workbook) => (workbook.sheets = workbook.sheets.filter((sheet) => sheet.name !== "_meta"))),
    code: "no-meta",
    message: "缺少隐藏工作表“_meta”",
  },
  {
    name: "_meta without a checksum",
    bytes: () => damaged((workbook) => sheetNamed(workbook, "_meta").cells.delete("B4")),
    code: "no-meta",
    message: "工作表“_meta”缺少 checksum",
  },
  { name: "an unknown edition", bytes: () => damaged(setMeta(1, "323/2099")), code: "wrong-edition", message: "不支持的表式版本 323/2099" },
  { name: "an unknown prefecture", bytes: () => damaged(setMeta(2, "379900")), code: "unknown-prefecture", message: "未知的填报单位代码 379900" },
  {
    name: "a template of another layout",
    bytes: () => damaged(setMeta(4, "deadbeef")),
    code: "checksum",
    message: "模板校验码 deadbeef 与 323/2019 济南市 2019 的模板",
  },
  {
    name: "a missing form sheet",
    bytes: () => damaged((workbook) => (workbook.sheets = workbook.sheets.filter((sheet) => !sheet.name.startsWith("教扶04")))),
    code: "missing-sheet",
    message: "缺少工作表“教扶04 教师队伍提升”",
  },
  {
    name: "a column inserted before E04_EXCH",
    bytes: () => damaged((workbook) => insert(sheetNamed(workbook, "教扶04"), { col: 3 })),
    code: "moved-column",
    message: "工作表“教扶04 教师队伍提升”的代码行第 4 行 D 列应为 E04_EXCH,实为 空(是否插入或删除了列?)",
  },
  {
    name: "two columns swapped",
    bytes: () =>
      damaged((workbook) => {
        const sheet = sheetNamed(workbook, "教扶04");
        sheet.cells.set("D4", { value: "E04_PRIN" });
        sheet.cells.set("E4", { value: "E04_EXCH" });
      }),
    code: "moved-column",
    message: "工作表“教扶04 教师队伍提升”的代码行第 4 行 D 列应为 E04_EXCH,实为 E04_PRIN",
  },
  {
    name: "a row inserted above the code row",
    bytes: () => damaged((workbook) => insert(sheetNamed(workbook, "教扶02"), { row: 1 })),
    code: "moved-code-row",
    message: "工作表“教扶02 义务教育薄弱学校改造”的代码行应在第 4 行,实在第 5 行",
  },
  {
    name: "counties sorted differently",
    bytes: () =>
      damaged((workbook) => {
        const sheet = sheetNamed(workbook, "教扶01");
        sheet.cells.set("A8", { value: jinan.children[0]!.code });
      }),
    code: "moved-row",
    message: `工作表“教扶01 建档立卡贫困教育人口”第 8 行 A 列的代码应为 ${jinan.children[1]!.code},实为 ${jinan.children[0]!.code}`,
  },
  {
    name: "a row inserted into the cover",
    bytes: () => damaged((workbook) => insert(workbook.sheets[0]!, { row: 4 })),
    code: "moved-row",
    message: "工作表“封面”第 5 行 A 列应为 C_HEAD,实为 空",
  },
];

describe("reading a damaged or foreign workbook", () => {
  for (const { name, bytes, code, message } of cases) {
    it(`refuses ${name} with '${code}' and a message naming the place`, () => {
      const error = readError(bytes());
      expect(error.code).toBe(code);
      expect(error.message).toContain(message);
      // Chinese first, then English.
      expect(error.message).toMatch(/^[^/]*[\u4e00-\u9fff][\s\S]* \/ [\x20-\x7e“”]+/);
    });
  }
});
