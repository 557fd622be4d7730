/** The pane speaks Chinese unless Office's display language is not Chinese. */
export type Language = "zh" | "en";

export function languageOf(displayLanguage: string | undefined): Language {
  return !displayLanguage || displayLanguage.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const strings = {
  title: ["填报", "Tianbao"],
  connect: ["连接", "Connect"],
  serverUrl: ["服务器地址", "Server URL"],
  token: ["访问令牌", "Access token"],
  connecting: ["正在连接…", "Connecting…"],
  connectedAs: ["{name} · {unit}", "{name} · {unit}"],
  province: ["省级", "Province"],
  disconnect: ["断开", "Disconnect"],
  tabReport: ["填报", "Report"],
  tabStatus: ["状态", "Status"],
  tabProvince: ["审核汇总", "Review"],
  newReport: ["新建报表", "New report"],
  period: ["报告期", "Period"],
  createReport: ["插入报表模板", "Insert the template"],
  templateInserted: ["报表已插入本工作簿。", "The report's sheets are in this workbook."],
  templateOpened: [
    "此版本 Excel 不能插入工作表：模板已在新工作簿中打开，请在新工作簿中打开本加载项。",
    "This Excel cannot insert sheets: the template opened as a new workbook; open the add-in there.",
  ],
  notAReport: ["本工作簿还没有报表。选择报告期，插入模板。", "This workbook holds no report yet. Pick a period and insert the template."],
  otherPrefecture: ["本工作簿是 {unit} 的报表，与当前令牌不符。", "This workbook is the report of {unit}, not of the connected prefecture."],
  noIssues: ["全部审核通过，可以报送。", "Every check passes: ready to submit."],
  errors: ["错误", "errors"],
  warnings: ["警告", "warnings"],
  error: ["错误", "error"],
  warning: ["警告", "warning"],
  more: ["另有 {count} 条", "{count} more"],
  explanationPlaceholder: ["填写说明(至少 {min} 个字)", "Explain (at least {min} characters)"],
  saveExplanation: ["保存说明", "Save"],
  explained: ["已说明", "explained"],
  submit: ["报送", "Submit"],
  submitting: ["正在报送…", "Submitting…"],
  cannotSubmit: [
    "还有 {errors} 个错误、{unexplained} 个未说明的警告，不能报送。",
    "{errors} errors and {unexplained} unexplained warnings: cannot submit yet.",
  ],
  resubmissionReason: ["重报原因(退回或通过后重报须填写)", "Why you submit again (required after a return or acceptance)"],
  receipt: ["已报送：第 {revision} 版 · {time} · SHA-256 {sha}", "Submitted: revision {revision} · {time} · SHA-256 {sha}"],
  queuedSaved: [
    "网络或服务器暂时不可用：报送已保存在工作簿文件和本机中，将自动重试(已尝试 {attempts} 次)。",
    "Network or server unavailable: the submission is saved in the workbook file and on this computer, and retried automatically ({attempts} attempts so far).",
  ],
  queuedUnsaved: [
    "网络或服务器暂时不可用：报送已记在本工作簿和本机中，将自动重试(已尝试 {attempts} 次)。请保存工作簿(Ctrl+S)，关闭后才不会丢失。",
    "Network or server unavailable: the submission is kept in this workbook and on this computer, and retried automatically ({attempts} attempts so far). Save the workbook (Ctrl+S) so that it survives closing.",
  ],
  queuedPaneOnly: [
    "网络或服务器暂时不可用：工作簿设置无法保存，报送只记在本机，将自动重试(已尝试 {attempts} 次)。",
    "Network or server unavailable: the workbook's settings could not be saved, so the submission is kept on this computer only, and retried automatically ({attempts} attempts so far).",
  ],
  cellEditMode: ["Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再试一次。", "Excel is editing a cell: press Enter or Esc to finish, then try again."],
  sheetMissing: ["工作簿中找不到报表需要的工作表，可能已被删除。", "A sheet the report needs is missing from the workbook; it may have been deleted."],
  missingSheets: [
    "本工作簿缺少报表工作表：{sheets}。请勿删除或重命名报表工作表；可重新插入模板后把数据复制过去。",
    "This workbook lacks report sheets: {sheets}. Do not delete or rename report sheets; insert the template again and copy the data across.",
  ],
  unsupportedReport: [
    "本工作簿中的报表({edition} · {unit})不是本加载项支持的版本，无法检查和报送。",
    "This workbook's report ({edition} · {unit}) is not an edition this add-in supports: it cannot be checked or submitted.",
  ],
  templateOpenedSheetsExist: [
    "本工作簿中已有报表的工作表(旧的或损坏的报表)：模板已在新工作簿中打开，请在新工作簿中打开本加载项。",
    "This workbook already has sheets of a report (an old or damaged one): the template opened as a new workbook; open the add-in there.",
  ],
  templateDownload: [
    "此版本 Excel 不能由加载项插入或新建工作簿：请下载模板，在 Excel 中打开后，在其中启动本加载项。",
    "This Excel cannot insert sheets or open a workbook for the add-in: download the template, open it in Excel, and start the add-in there.",
  ],
  workbookDownload: [
    "此版本 Excel 不能由加载项新建工作簿：请下载后在 Excel 中打开。",
    "This Excel cannot open a workbook for the add-in: download it and open it in Excel.",
  ],
  download: ["下载 {file}", "Download {file}"],
  dismiss: ["关闭", "Dismiss"],
  retryNow: ["立即重试", "Retry now"],
  stale: [
    "服务器上已有更新的修订(第 {revision} 版)，可能是别处报送的。请先在“状态”中查看，再报送。",
    "A newer revision ({revision}) is on the server, perhaps sent from elsewhere. Check Status, then submit again.",
  ],
  invalid: ["服务器审核未通过，报表未保存：", "The server's checks failed; nothing was stored:"],
  reasonRequired: ["本次为重报，请填写重报原因。", "This is a resubmission: please give the reason."],
  locked: [
    "报告期已锁定，不再接受报送。如需修改，请联系省级管理员为本市解锁。",
    "The period is locked. To change the report, ask the province administrator to unlock it for your prefecture.",
  ],
  refused: ["报送被拒绝：{detail}", "Submission refused: {detail}"],
  revisions: ["修订", "Revisions"],
  noRevisions: ["尚未报送。", "Nothing submitted yet."],
  statusSubmitted: ["已报", "submitted"],
  statusReturned: ["退回", "returned"],
  statusAccepted: ["通过", "accepted"],
  comments: ["审核意见", "Review comments"],
  diff: ["与第 {revision} 版相比的改动", "Changes since revision {revision}"],
  noChanges: ["与最后报送的版本相同。", "Same as the last revision submitted."],
  completeness: ["各市报送情况", "Prefectures"],
  view: ["查看", "View"],
  open: ["打开", "Open"],
  revisionOpened: ["第 {revision} 版已在 Excel 中打开。", "Revision {revision} is open in Excel."],
  commentCells: ["意见指向的单元格", "Cells the comment points at"],
  addSelectedCell: ["添加当前选中的单元格", "Add the selected cell"],
  notAReportCell: ["当前选中的单元格不在报表中：请在某张报表上选中一个单元格。", "The selected cell is not on the forms: select a cell on one of them."],
  selectInRevision: [
    "要指向选中的单元格：打开此修订，在打开的工作簿中启动本加载项。",
    "To point at a cell you select: open this revision, then start the add-in in the workbook that opens.",
  ],
  accept: ["通过", "Accept"],
  return: ["退回", "Return"],
  comment: ["审核意见(退回时必填)", "Comment (required to return)"],
  pull: ["下载全省汇总", "Pull consolidated"],
  pulled: ["汇总工作簿已打开。", "The consolidated workbook is open."],
  requestFailed: ["请求失败：{detail}", "Request failed: {detail}"],
  stampedCopy: ["第 {revision} 版的盖章件", "Stamped copy of revision {revision}"],
  stamped: ["已盖章 · SHA-256 {sha}…", "Stamped copy attached · SHA-256 {sha}…"],
  notStamped: ["未盖章：尚未附签字盖章的纸质报表扫描件。", "Not stamped: no signed and stamped copy is attached yet."],
  superseded: ["已被新件取代", "superseded"],
  attachStampedCopy: ["附盖章件", "Attach the stamped copy"],
  chooseStampedCopy: ["请先选择盖章件文件(PDF、JPEG 或 PNG)。", "Choose the stamped copy first (PDF, JPEG or PNG)."],
  stampedCopyTooLarge: ["文件超过 {max}，请降低扫描分辨率后重试。", "The file is over {max}: scan at a lower resolution and retry."],
  stampedCopyAttached: ["已附第 {revision} 版的第 {sequence} 份盖章件。", "Stamped copy {sequence} of revision {revision} attached."],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof strings;

/** A UI string in the language, with {name} placeholders filled in. */
export function text(language: Language, key: StringKey, values: Record<string, string | number> = {}): string {
  const template = strings[key][language === "zh" ? 0 : 1];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** A server time as the province reads it: Beijing time (UTC+8 all year), "2026-11-28 22:31:07". */
export function formatTime(language: Language, iso: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  const beijing = new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
  return language === "zh" ? beijing : `${beijing} (Beijing)`;
}
