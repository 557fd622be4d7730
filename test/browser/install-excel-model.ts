// Installs the model of Excel as the page's `Excel` and `Office` (in place of the host office.js
// would talk to), for the platform named by ?platform=. The test drives it through
// `window.tianbao.host` as a clerk drives Excel, and `window.tianbao.open(base64)` starts the pane
// in a workbook opened from a file (a downloaded template, a revision opened for review).
import { ExcelHost } from "../support/excel-model/excel-host.ts";
import { ModelWorkbook } from "../support/excel-model/model-workbook.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";

const query = new URLSearchParams(location.search);
const host = new ExcelHost(new ModelWorkbook(), { platform: (query.get("platform") ?? "web") as PlatformId, displayLanguage: query.get("lang") ?? "zh-CN" });
if (query.get("host") === "none") {
  // A plain browser tab: office.js loads but finds no Office host ("host and platform are null" — Office.onReady).
  Object.assign(window, {
    Office: {
      onReady: (callback?: (info: { host: null; platform: null }) => void) => (
        callback?.({ host: null, platform: null }), Promise.resolve({ host: null, platform: null })
      ),
    },
  });
} else host.install(window as unknown as Record<string, unknown>);

const open = (base64: string) => {
  host.workbook = ModelWorkbook.fromXlsx(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
};

Object.assign(window, { tianbao: { host, open } });
