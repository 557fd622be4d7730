// The real task pane entry (addin/taskpane.ts: the Excel adapter over office.js's `Excel`) on the
// model of Excel: the bundle the browser tests load instead of the production one.
import "./install-excel-model.ts";
import "../../addin/taskpane.ts";
