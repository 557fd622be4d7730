// What each Excel the clerks have answers to Office.context.requirements.isSetSupported("ExcelApi", v),
// and where it departs from the requirement set it reports.
// Source: "Excel JavaScript API requirement sets", the table of ExcelApi versions by platform
// (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets,
// docs-reference @ fa81c2a, 2026-08): web, Microsoft 365 (and retail perpetual) on Windows, Mac and
// iPad reach ExcelApi 1.21; volume-licensed Office 2024 stops at 1.17, Office 2021 at 1.14, and
// Office 2019 at 1.7 ("Office 2019: Version 1801" is the last row it appears on; the platform
// matrix before November 2025 listed it up to 1.8 — the model takes the lower, stricter figure).

export interface PlatformProfile {
  /** Key used in test names and the browser test's ?platform= query. */
  id: PlatformId;
  name: string;
  /** The highest ExcelApi requirement set the platform supports. */
  excelApi: string;
  /**
   * Workbook.insertWorksheetsFromBase64 works. Excel on iPad reports the requirement set but "It
   * isn't supported on iOS" (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#copy-worksheets-from-another-workbook;
   * the method's remarks: "only supported for Office on Windows, Mac, and the web").
   */
  canInsertWorksheets: boolean;
  /** Office.context.partitionKey: defined where the add-in's storage is partitioned (Excel on the web). */
  partitionKey: string | undefined;
  /**
   * Documented gaps in Worksheet.onChanged on this platform; tests switch them on or off.
   * - dropdownPickRaisesNoEvent: picking a value from a data-validation list raises no onChanged
   *   on Excel on the web (OfficeDev/office-js #3888, #4066, both closed without a fix being
   *   announced). On Windows it was reported in #420 (2019, Excel 1902, labelled "fix pending") and
   *   again in #3888 by a commenter on Windows 10 (2024-03-14, a list whose source is an INDIRECT
   *   formula): not known fixed, so the Windows profiles keep the gap too.
   * - fillAcrossHiddenRowsRaisesNoEvent: a drag-fill across hidden (filtered) rows raises no
   *   change event: OfficeDev/office-js #1110, Excel for Windows (Version 2002), reported for
   *   Table.onChanged; the model applies it to Worksheet.onChanged, the event the add-in uses. No
   *   report for the web.
   */
  gaps: { dropdownPickRaisesNoEvent: boolean; fillAcrossHiddenRowsRaisesNoEvent: boolean };
}

export type PlatformId = "web" | "windows365" | "mac365" | "office2024" | "office2021" | "office2019volume" | "ipad";

const noGaps = { dropdownPickRaisesNoEvent: false, fillAcrossHiddenRowsRaisesNoEvent: false };
/** Excel on Windows: both gaps reported (#3888's commenter, #420; #1110). */
const windowsGaps = { dropdownPickRaisesNoEvent: true, fillAcrossHiddenRowsRaisesNoEvent: true };

export const PLATFORMS: Record<PlatformId, PlatformProfile> = {
  web: {
    id: "web",
    name: "Excel on the web",
    excelApi: "1.21",
    canInsertWorksheets: true,
    partitionKey: "https://tianbao.example/ partition",
    gaps: { dropdownPickRaisesNoEvent: true, fillAcrossHiddenRowsRaisesNoEvent: false },
  },
  windows365: { id: "windows365", name: "Microsoft 365 on Windows", excelApi: "1.21", canInsertWorksheets: true, partitionKey: undefined, gaps: windowsGaps },
  mac365: { id: "mac365", name: "Microsoft 365 on Mac", excelApi: "1.21", canInsertWorksheets: true, partitionKey: undefined, gaps: noGaps },
  office2024: {
    id: "office2024",
    name: "Office LTSC 2024 (Windows, volume-licensed)",
    excelApi: "1.17",
    canInsertWorksheets: true,
    partitionKey: undefined,
    gaps: windowsGaps,
  },
  office2021: {
    id: "office2021",
    name: "Office LTSC 2021 (Windows, volume-licensed)",
    excelApi: "1.14",
    canInsertWorksheets: true,
    partitionKey: undefined,
    gaps: windowsGaps,
  },
  // Its API level; the pane itself cannot run there, since Office 2019 volume-licensed hosts add-ins in
  // Trident (IE 11) — the browser test shows the message it then gives. The profile stands for ExcelApi
  // 1.7 in a modern webview (Office on Mac, Version 16.9 (18011602) to 16.16, as the requirement-set
  // table labels them: Version 16.17 (18090901) brings 1.8).
  office2019volume: {
    id: "office2019volume",
    name: "Office 2019 volume-licensed (Windows): ExcelApi 1.7",
    excelApi: "1.7",
    canInsertWorksheets: true,
    partitionKey: undefined,
    gaps: noGaps,
  },
  ipad: { id: "ipad", name: "Excel on iPad", excelApi: "1.21", canInsertWorksheets: false, partitionKey: undefined, gaps: noGaps },
};

/** "1.13" → 1013, so that versions compare as numbers. */
export function versionNumber(version: string): number {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}

export function supports(profile: PlatformProfile, version: string): boolean {
  return versionNumber(version) <= versionNumber(profile.excelApi);
}
