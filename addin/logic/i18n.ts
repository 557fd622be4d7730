import { beijingTime } from "../../shared/values/beijing-time.ts";

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
  explanationPlaceholder: ["填写说明（至少 {min} 个字）", "Explain (at least {min} characters)"],
  saveExplanation: ["保存说明", "Save"],
  explained: ["已说明", "explained"],
  submit: ["报送", "Submit"],
  submitting: ["正在报送…", "Submitting…"],
  cannotSubmit: [
    "还有 {errors} 个错误、{unexplained} 个未说明的警告，不能报送。",
    "{errors} errors and {unexplained} unexplained warnings: cannot submit yet.",
  ],
  resubmissionReason: ["重报原因（退回或通过后重报须填写）", "Why you submit again (required after a return or acceptance)"],
  receipt: ["已报送：第 {revision} 版 · {time} · SHA-256 {sha}", "Submitted: revision {revision} · {time} · SHA-256 {sha}"],
  queuedSaved: [
    "网络或服务器暂时不可用：报送已保存在工作簿文件和本机中，将自动重试（已尝试 {attempts} 次）。",
    "Network or server unavailable: the submission is saved in the workbook file and on this computer, and retried automatically ({attempts} attempts so far).",
  ],
  queuedUnsaved: [
    "网络或服务器暂时不可用：报送已记在本工作簿和本机中，将自动重试（已尝试 {attempts} 次）。请保存工作簿（Ctrl+S），关闭后才不会丢失。",
    "Network or server unavailable: the submission is kept in this workbook and on this computer, and retried automatically ({attempts} attempts so far). Save the workbook (Ctrl+S) so that it survives closing.",
  ],
  queuedPaneOnly: [
    "网络或服务器暂时不可用：工作簿设置无法保存，报送只记在本机，将自动重试（已尝试 {attempts} 次）。",
    "Network or server unavailable: the workbook's settings could not be saved, so the submission is kept on this computer only, and retried automatically ({attempts} attempts so far).",
  ],
  cellEditMode: ["Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再试一次。", "Excel is editing a cell: press Enter or Esc to finish, then try again."],
  sheetMissing: ["工作簿中找不到报表需要的工作表，可能已被删除。", "A sheet the report needs is missing from the workbook; it may have been deleted."],
  missingSheets: [
    "本工作簿缺少报表工作表：{sheets}。请勿删除或重命名报表工作表；可重新插入模板后把数据复制过去。",
    "This workbook lacks report sheets: {sheets}. Do not delete or rename report sheets; insert the template again and copy the data across.",
  ],
  unsupportedReport: [
    "本工作簿中的报表（{edition} · {unit}）不是本加载项支持的版本，无法检查和报送。",
    "This workbook's report ({edition} · {unit}) is not an edition this add-in supports: it cannot be checked or submitted.",
  ],
  templateOpenedSheetsExist: [
    "本工作簿中已有报表的工作表（旧的或损坏的报表）：模板已在新工作簿中打开，请在新工作簿中打开本加载项。",
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
    "服务器上已有更新的修订（第 {revision} 版），可能是别处报送的。请先在“状态”中查看，再报送。",
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
  comment: ["审核意见（退回时必填）", "Comment (required to return)"],
  pull: ["下载全省汇总", "Pull consolidated"],
  pulled: ["汇总工作簿已打开。", "The consolidated workbook is open."],
  requestFailed: ["请求失败：{detail}", "Request failed: {detail}"],
  stateNotStarted: ["尚未开始填报", "Not started"],
  stateInProgress: ["填报中：已填 {filled} / {total} 格", "In progress: {filled} of {total} cells filled"],
  stateReady: ["已填完，审核全部通过", "Filled in; every check passes"],
  stateSubmitted: ["已报送第 {revision} 版，等待省级审核", "Revision {revision} submitted; waiting for the province's review"],
  stateChanged: ["已报送第 {revision} 版；本工作簿另有改动尚未报送", "Revision {revision} submitted; this workbook has changes not yet submitted"],
  stateReturned: ["第 {revision} 版已被省级退回", "Revision {revision} was returned by the province"],
  stateAccepted: ["第 {revision} 版已通过省级审核", "Revision {revision} was accepted by the province"],
  stateLocked: ["报告期已锁定，不再接受报送", "The period is locked: no more submissions"],
  late: ["逾期", "late"],
  nextLabel: ["下一步：", "Next: "],
  nextInsert: ["选择报告期，插入报表模板。", "pick the period and insert the template."],
  nextFill: ["在各表中填写数据；空格在下面按表计数。", "fill in the sheets; blank cells are counted per sheet below."],
  nextBlanks: ["还有 {blanks} 个空格待填写；填完后报送。", "{blanks} blank cells left to fill; then submit."],
  nextErrors: ["改正下面的 {errors} 个错误。", "fix the {errors} errors below."],
  nextExplain: ["为下面的 {unexplained} 个警告填写说明。", "explain the {unexplained} warnings below."],
  nextSubmit: ["点击“报送”。", "click Submit."],
  nextWait: ["无需操作；省级审核后，结果会显示在这里。", "nothing to do; the province's decision will show here."],
  nextResubmit: [
    "检查改动，填写重报原因（如需），报送新版本以替换第 {revision} 版。",
    "check the changes, give a reason if asked, and submit a new revision to replace revision {revision}.",
  ],
  nextReturned: ["按审核意见修改，填写重报原因后报送。", "change the report as the comment asks, give the reason and submit again."],
  nextReturnedOpen: ["打开或插入本期报表，按审核意见修改后重报。", "open or insert this period's report, change it as the comment asks, and submit again."],
  nextNothing: ["无需操作。", "nothing to do."],
  nextLocked: ["如需更正，请联系省级管理员为本市解锁。", "to correct the report, ask the province administrator to unlock it for your prefecture."],
  latestRevision: ["最新：第 {revision} 版 · {time} · {name}", "Latest: revision {revision} · {time} · {name}"],
  deadline: ["截止日期：{deadline}", "Deadline: {deadline}"],
  deadlinePassed: ["已过截止日期 {deadline}", "The deadline {deadline} has passed"],
  reviewBy: ["审核意见（{name} · {time}）：", "Review ({name} · {time}):"],
  progress: ["已填 {filled} / {total} 格，还有 {blanks} 个空格", "{filled} of {total} cells filled, {blanks} blank"],
  blanksLeft: ["{count} 个空格", "{count} blank"],
  blanksAsErrors: ["报送前须填完所有空格：空格已列为错误。", "Every blank cell must be filled before submitting: blanks are now listed as errors."],
  showAll: ["显示其余 {count} 条", "Show the other {count}"],
  explanationCount: ["{count} / 至少 {min} 字", "{count} / at least {min} characters"],
  explanationShort: ["说明太短：至少 {min} 个字，还差 {missing} 个。", "Too short: at least {min} characters, {missing} more."],
  explanationSaved: ["已保存到“说明”表", "saved to the 说明 sheet"],
  receiptShort: ["已报送：第 {revision} 版 · {time}", "Submitted: revision {revision} · {time}"],
  receiptRepeated: ["与第 {revision} 版（{time}）相同，未产生新修订。", "Identical to revision {revision} ({time}): no new revision was made."],
  receiptNext: ["省级审核后，结果会显示在本页顶部。", "The province's decision will show at the top of this tab."],
  receiptHash: ["校验码（SHA-256）", "Checksum (SHA-256)"],
  sameAsLatest: ["本工作簿与第 {revision} 版相同，无需再报送。", "This workbook is identical to revision {revision}: nothing to submit."],
  sameAsReturned: [
    "本工作簿与已退回的第 {revision} 版相同：按审核意见修改后再报送。",
    "This workbook is identical to revision {revision}, which was returned: change it as the comment asks, then submit.",
  ],
  staleRefreshed: [
    "服务器上已有第 {revision} 版（{time} · {name}），可能是在别处报送的。已按它刷新：现在报送将替换第 {revision} 版。",
    "Revision {revision} is on the server ({time} · {name}), perhaps sent from elsewhere. Refreshed: submitting now replaces revision {revision}.",
  ],
  statusNoWorkbook: [
    "本工作簿没有本市的报表。报送状态和审核意见见“填报”页顶部；要查看改动，请打开报表工作簿。",
    "This workbook holds no report of your prefecture. The state and review comments are at the top of the Report tab; open the report workbook to see changes.",
  ],
  revision: ["版本", "Revision"],
  submittedAtHeader: ["报送时间", "Submitted"],
  statusHeader: ["状态", "Status"],
  submittedByHeader: ["报送人", "By"],
  prefectureHeader: ["市", "Prefecture"],
  actionHeader: ["操作", "Action"],
  statusNotSubmitted: ["未报", "not submitted"],
  statusLate: ["逾期", "late"],
  viewRevision: ["查看{unit}第 {revision} 版", "View {unit} revision {revision}"],
  periodState: ["{period} · 截止 {deadline} · {state}", "{period} · deadline {deadline} · {state}"],
  periodOpen: ["开放报送", "open"],
  periodLocked: ["已锁定", "locked"],
  noDeadline: ["无", "none"],
  countSubmitted: ["待审核 {count}", "to review {count}"],
  countReturned: ["退回 {count}", "returned {count}"],
  countAccepted: ["通过 {count}", "accepted {count}"],
  countNotSubmitted: ["未报 {count}", "not submitted {count}"],
  countLate: ["逾期 {count}", "late {count}"],
  changesSince: ["与第 {revision} 版相比的改动（{count} 格）", "Changes since revision {revision} ({count} cells)"],
  firstRevision: ["首次报送，无可比较的上一版。", "The first revision: nothing to compare with."],
  commentHistory: ["审核记录", "Review history"],
  noComments: ["尚无审核意见。", "No reviews yet."],
  commentRequired: ["退回时必须填写审核意见，说明要改什么。", "A return needs a comment saying what to change."],
  confirmAccept: [
    "确认通过{unit}第 {revision} 版？通过后本版计入全省汇总，市里重报须说明原因。",
    "Accept {unit} revision {revision}? It then counts in the province totals; a resubmission will need a reason.",
  ],
  confirm: ["确认通过", "Yes, accept"],
  cancel: ["取消", "Cancel"],
  reviewedAs: ["已{action}第 {revision} 版。", "Revision {revision} {action}."],
  serverUnreachable: [
    "无法连接服务器 {url}：请检查服务器地址和网络后再试。",
    "Cannot reach the server {url}: check the server URL and the network, then try again.",
  ],
  tokenRefused: [
    "服务器不接受这个访问令牌（可能已被撤销或输错）：请向管理员索取新令牌。",
    "The server does not accept this access token (revoked or mistyped): ask your administrator for a new one.",
  ],
  tokenHelp: [
    "访问令牌由省级管理员创建并发给您（tianbao token create），只在创建时显示一次；本机会记住它，不保存在工作簿中。",
    "Your province administrator creates your access token (tianbao token create) and gives it to you; it is shown only once when created. This computer remembers it; the workbook does not.",
  ],
  disconnectWarning: [
    "断开后本机将忘记访问令牌；令牌只在创建时显示一次，再次连接需要重新输入（或向管理员索取新令牌）。确定断开？",
    "Disconnecting makes this computer forget the access token. It was shown only once, when created: to connect again you must enter it again (or ask for a new one). Disconnect?",
  ],
  disconnectConfirm: ["断开", "Disconnect"],
  periodLockedOption: ["{period}（已锁定）", "{period} (locked)"],
  noOpenPeriod: [
    "没有开放的报告期：报告期锁定后不能再插入模板。如需补报或更正，请联系省级管理员为本市解锁。",
    "No open period: a locked period gives no template. To file late or correct, ask the province administrator to unlock it for your prefecture.",
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof strings;

/** A UI string in the language, with {name} placeholders filled in. */
export function text(language: Language, key: StringKey, values: Record<string, string | number> = {}): string {
  const template = strings[key][language === "zh" ? 0 : 1];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** A server time as the province reads it: Beijing time (UTC+8 all year), "2026-11-28 22:31:07". */
export function formatTime(language: Language, iso: string): string {
  const beijing = beijingTime(iso);
  return language === "zh" || beijing === iso ? beijing : `${beijing} (Beijing)`;
}
