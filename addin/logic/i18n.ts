import { beijingTime } from "../../shared/values/beijing-time.ts";
import { englishCount } from "../../shared/values/english-count.ts";

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
  tokenExpiresSoon: [
    "访问令牌将于 {time} 过期（还剩 {days} 天）：请向管理员要新令牌，过期后需断开并用新令牌连接。",
    "Your access token expires at {time} ({days:day|days} left): ask an administrator for a new one, then disconnect and connect with it.",
  ],
  tokenExpiresWithinDay: [
    "访问令牌将于 {time} 过期（不到一天）：请向管理员要新令牌，断开并用新令牌连接。",
    "Your access token expires at {time}, in less than a day: ask an administrator for a new one, disconnect and connect with it.",
  ],
  reminderPending: [
    "催报：{from} 于 {time} 请本单位尽快报送 {period} 年报表（未报期间共催报 {count} 次）。{note}",
    "Reminder: {from} asked at {time} for this unit's {period} report ({count:reminder|reminders} since it last submitted). {note}",
  ],
  reminderNote: ["附言：{note}", "Note: {note}"],
  tabReport: ["填报", "Report"],
  tabStatus: ["状态", "Status"],
  tabProvince: ["审核汇总", "Review"],
  tabUnits: ["各县审核", "Counties"],
  unitsCompleteness: ["各县报送情况", "The counties' reports"],
  rowSources: [
    "各县数据来源：{counties} 个县来自其报表，{typed} 个县由市填报",
    "Where the county rows come from: {counties} from the counties' revisions, {typed} typed by the prefecture",
  ],
  rowFromRevision: ["来自该县第 {revision} 版", "from its revision {revision}"],
  reviewedBy: ["此报表由{unit}审核。", "{unit} reviews this report."],
  rowTypedAbove: ["由市填报（该县未报送，或市里改动过）", "typed by the prefecture (not sent by the county, or changed above it)"],
  countyHeader: ["县（市、区）", "County"],
  buildFromCounties: ["由各县报表合成本市报表", "Build our report from the counties'"],
  builtFromCounties: [
    "本市报表已由各县报表合成，在新工作簿中打开：核对、补填未报县的数据后，在其中启动本加载项报送。",
    "Our report, built from the counties', is open as a new workbook: check it, type the rows of counties that have not reported, and submit it from the add-in there.",
  ],
  newReport: ["新建报表", "New report"],
  period: ["报告期", "Period"],
  createReport: ["插入报表模板", "Insert the template"],
  templateInserted: ["报表已插入本工作簿。", "The report's sheets are in this workbook."],
  templateOpened: [
    "此版本 Excel 不能插入工作表：模板已在新工作簿中打开，请在新工作簿中打开本加载项。",
    "This Excel cannot insert sheets: the template opened as a new workbook; open the add-in there.",
  ],
  // office.js did not load from Microsoft's CDN (an intranet that blocks it), or loaded but never found Office.
  officeUnreachable: ["无法连接 Office", "Cannot reach Office"],
  officeUnreachableHelp: [
    "任务窗格无法从微软的服务器加载 Office 的脚本（office.js），或 Office 没有应答，可能是本单位网络屏蔽了它。请改用网页报送：在浏览器中打开 {url}，下载模板，填好后拖到网页上检查并报送；或请网络管理员放行 appsforoffice.microsoft.com。",
    "The task pane could not load Office's script (office.js) from Microsoft's servers, or Office did not answer; your network may block it. Submit from the web page instead: open {url} in a browser, download the template, fill it and drop it on the page to check and submit; or ask your network administrator to allow appsforoffice.microsoft.com.",
  ],
  notAReport: ["本工作簿还没有报表。选择报告期，插入模板。", "This workbook holds no report yet. Pick a period and insert the template."],
  // The web page (a workbook file instead of Excel): its own words, and the pane's that it says differently (pageWording).
  pageTitle: ["填报 · 网页报送", "Tianbao · submit on the web"],
  pageNoFile: [
    "用 WPS、LibreOffice 或 Excel 填好模板并保存，再在第 2 步交回。",
    "Fill the template in WPS, LibreOffice or Excel, save it, and hand it in at step 2.",
  ],
  pageDownloadTemplate: ["下载空白模板", "Download the blank template"],
  pageTemplateDownload: [
    "模板已下载（见浏览器的下载列表）。如未开始下载：",
    "The template was downloaded (see your browser's downloads). If it did not start:",
  ],
  pageNewReport: ["第 1 步：下载空白模板", "Step 1: download the blank template"],
  pageReviseRevision: ["下载第 {revision} 版修改", "Download revision {revision} to revise"],
  pageRevisionDownloaded: [
    "第 {revision} 版已下载（见浏览器的下载列表），改好后拖到下方重报。如未开始下载：",
    "Revision {revision} was downloaded (see your browser's downloads): change it and drop it below. If it did not start:",
  ],
  pageNextReturnedOpen: [
    "下载退回的第 {revision} 版，按审核意见改好后在第 2 步交回，填写重报原因后报送。",
    "download the returned revision {revision}, change it as the comment asks, hand it in at step 2 and submit it with a reason.",
  ],
  reportFileStep: ["第 2 步：交回填好的报表", "Step 2: hand in the filled report"],
  otherLanguage: ["English", "中文"],
  pageWorkbookDownload: ["工作簿已备好：", "The workbook is ready:"],
  pageOpenRevision: ["下载此版本的工作簿", "Download this revision's workbook"],
  pageQueued: [
    "网络或服务器暂时不可用：报送已记在本浏览器中，将自动重试（已尝试 {attempts} 次）。请勿清除浏览器数据。",
    "The network or server is unavailable: the submission is kept in this browser and will be retried (attempt {attempts}). Do not clear the browser's data.",
  ],
  pageTokenHelp: [
    "访问令牌由省级管理员创建并发给您（tianbao token create），只在创建时显示一次。关闭此标签页后本浏览器即忘记它；勾选“记住我”则一直记住，直到点“退出”。",
    "Your province administrator creates your access token (tianbao token create) and gives it to you; it is shown only once when created. This browser forgets it when the tab is closed; tick Remember me to keep it until you sign out.",
  ],
  pageSignOut: ["退出", "Sign out"],
  pageSignOutWarning: [
    "退出后本浏览器将忘记访问令牌；令牌只在创建时显示一次，再次登录需要重新输入（或向管理员索取新令牌）。确定退出？",
    "Signing out makes this browser forget the access token. It was shown only once, when created: to sign in again you must enter it again (or ask for a new one). Sign out?",
  ],
  reportFile: ["报表文件", "Report file"],
  dropHere: ["把填好的报表文件（.xlsx）拖到这里，或", "Drop the filled report file (.xlsx) here, or"],
  chooseFile: ["选择文件…", "Choose file…"],
  recheck: ["重新检查", "Check again"],
  downloadFilled: ["下载带说明的工作簿", "Download the workbook with its explanations"],
  fileLoaded: ["{file} · {time} 读取。", "{file} · read at {time}"],
  fileWatched: ["保存文件后，回到本页即自动重新检查。", "Save the file and come back to this page: it is checked again by itself."],
  fileNotWatched: ["改了文件后，请点“重新检查”。", "After changing the file, click Check again."],
  fileReading: ["正在读取 {file}…", "Reading {file}…"],
  // The file card's errors: one line, Chinese then English (fileErrorLine), whatever the page's language.
  fileTooLarge: ["{file} 超过 {max}，不是报表文件", "{file} is over {max}: not a report file"],
  fileUnreadable: ["无法读取 {file}：{detail}", "cannot read {file}: {detail}"],
  fileNotXlsx: [
    "{file} 不是 .xlsx 文件：请在 WPS 或 LibreOffice 中另存为 Excel 工作簿（.xlsx）",
    "{file} is not an .xlsx file: save it as an Excel workbook (.xlsx)",
  ],
  fileNotWorkbook: [
    "{file} 不是 Excel 工作簿（改扩展名不会转换格式）：请另存为 .xlsx",
    "{file} is not an Excel workbook (renaming does not convert it): save it as .xlsx",
  ],
  fileNotReadable: [
    "浏览器无法再读取 {file}（选定后已保存或移走）：请重新选择该文件",
    "the browser cannot read {file} again (saved or moved since): choose it again",
  ],
  filePickerFailed: ["无法打开文件选择框：请把文件拖到本页", "the file picker could not open: drop the file on this page instead"],
  fileOtherUnit: ["{file} 是{unit}的报表，不是{own}的，未载入", "{file} is the report of {unit}, not of {own}: not loaded"],
  otherPrefecture: ["本工作簿是 {unit} 的报表，与当前令牌不符。", "This workbook is the report of {unit}, not of the connected prefecture."],
  noIssues: ["校验通过：没有错误或警告。", "The checks pass: no errors or warnings."],
  errorCount: ["{count} 个错误", "{count:error|errors}"],
  warningCount: ["{count} 个警告", "{count:warning|warnings}"],
  error: ["错误", "error"],
  warning: ["警告", "warning"],
  more: ["另有 {count} 条", "{count} more"],
  explanationPlaceholder: ["填写说明（至少 {min} 个字）", "Explain (at least {min} characters)"],
  saveExplanation: ["保存说明", "Save"],
  explained: ["已说明", "explained"],
  submit: ["报送", "Submit"],
  submitting: ["正在报送…", "Submitting…"],
  cannotSubmit: ["还有 {left}，不能报送。", "Cannot submit yet: {left} left."],
  blankCount: ["{count} 个空格", "{count:blank cell|blank cells}"],
  unexplainedCount: ["{count} 个未说明的警告", "{count:unexplained warning|unexplained warnings}"],
  resubmissionReason: ["重报原因（退回或通过后重报须填写）", "Why you submit again (required after a return or acceptance)"],
  receipt: ["已报送：第 {revision} 版 · {time} · SHA-256 {sha}", "Submitted: revision {revision} · {time} · SHA-256 {sha}"],
  queuedSaved: [
    "网络或服务器暂时不可用：报送已保存在工作簿文件和本机中，将自动重试（已尝试 {attempts} 次）。",
    "Network or server unavailable: the submission is saved in the workbook file and on this computer, and retried automatically ({attempts:attempt|attempts} so far).",
  ],
  queuedUnsaved: [
    "网络或服务器暂时不可用：报送已记在本工作簿和本机中，将自动重试（已尝试 {attempts} 次）。请保存工作簿（下方“保存”或 Ctrl+S），报送才会随文件保存，关闭或换电脑打开也不丢失。",
    "Network or server unavailable: the submission is kept in this workbook and on this computer, and retried automatically ({attempts:attempt|attempts} so far). Save the workbook (Save below, or Ctrl+S) for it to travel with the file, through closing or to another computer.",
  ],
  queuedNoFile: [
    "网络或服务器暂时不可用：报送已记在本工作簿和本机中，将自动重试（已尝试 {attempts} 次）。本工作簿还没有文件：请在 Excel 中用“文件 > 另存为”选好位置保存，报送才会随文件保存。",
    "Network or server unavailable: the submission is kept in this workbook and on this computer, and retried automatically ({attempts:attempt|attempts} so far). This workbook has no file yet: use File > Save As in Excel to choose where to keep it, for the submission to travel with the file.",
  ],
  coauthorQueued: [
    "合作者 {name} 的报送正在等待发送（{time} 排队），由其电脑上的填报发送。送达前本处不能再报送，以免同一报表出现两个不同的版本。",
    "A co-author's submission is pending ({name}, queued {time}); their pane sends it. Nothing can be submitted here until it arrives, so the report does not get two different revisions.",
  ],
  explanationsUndone: [
    "“{sheet}”表中已没有填报写入的说明：{cells}（可能在 Excel 中按了 Ctrl+Z 撤销）。这些说明现在不会随工作簿保存，也不会报送。",
    "The “{sheet}” sheet no longer holds explanations the pane wrote: {cells} (perhaps undone with Ctrl+Z in Excel). They are now neither saved with the workbook nor submitted.",
  ],
  rewriteExplanations: ["重新写入说明", "Write them again"],
  saveWorkbook: ["保存", "Save"],
  saveWorkbookHint: [
    "保存本工作簿（与 Ctrl+S 相同）。由加载项保存后，Excel 的撤销记录会被清空。",
    "Saves this workbook (as Ctrl+S does). After a save by the add-in, Excel's undo history is cleared.",
  ],
  saveWithCtrlS: ["此版本 Excel 不允许加载项保存工作簿：请按 Ctrl+S 保存。", "This Excel does not let an add-in save the workbook: press Ctrl+S to save it."],
  queuedPaneOnly: [
    "网络或服务器暂时不可用：工作簿设置无法保存，报送只记在本机，将自动重试（已尝试 {attempts} 次）。",
    "Network or server unavailable: the workbook's settings could not be saved, so the submission is kept on this computer only, and retried automatically ({attempts:attempt|attempts} so far).",
  ],
  queuedTooLarge: [
    "网络或服务器暂时不可用：待报送的内容超过 Excel 工作簿设置能保存的大小（约 1–2 MB），报送只记在本机（本任务窗格的存储），将自动重试（已尝试 {attempts} 次）。请在这台电脑上联网后重试，勿清除浏览器或 Office 的缓存。",
    "Network or server unavailable: the submissions waiting are more than an Excel workbook's settings can hold (about 1–2 MB), so they are kept on this computer only (the task pane's storage), and retried automatically ({attempts:attempt|attempts} so far). Retry from this computer once online; do not clear the browser's or Office's cache.",
  ],
  cellEditMode: ["Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再试一次。", "Excel is editing a cell: press Enter or Esc to finish, then try again."],
  sheetMissing: ["工作簿中找不到报表需要的工作表，可能已被删除。", "A sheet the report needs is missing from the workbook; it may have been deleted."],
  missingSheets: [
    "本工作簿缺少报表工作表：{sheets}。请勿删除或重命名报表工作表；可重新插入模板后把数据复制过去。",
    "This workbook lacks report sheets: {sheets}. Do not delete or rename report sheets; insert the template again and copy the data across.",
  ],
  unsupportedPeriodEdition: [
    "报告期 {period} 使用的报表版本 {edition} 不是本加载项支持的版本，无法生成其工作簿。",
    "Period {period} uses edition {edition}, which this add-in does not support: its workbook cannot be made here.",
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
  invalid: ["服务器校验未通过，报表未保存：", "The server's checks failed; nothing was stored:"],
  reasonRequired: ["本次为重报，请填写重报原因。", "This is a resubmission: please give the reason."],
  locked: [
    "报告期已锁定，不再接受报送。如需修改，请联系省级管理员为本单位解锁。",
    "The period is locked. To change the report, ask the province administrator to unlock it for your unit.",
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
  reviseRevision: ["打开第 {revision} 版修改", "Open revision {revision} to revise"],
  revisionDownloaded: ["第 {revision} 版的工作簿：", "Revision {revision}'s workbook:"],
  commentCells: ["意见指向的单元格", "Cells the comment points at"],
  addSelectedCell: ["添加当前选中的单元格", "Add the selected cell"],
  typeCellAddress: ["单元格地址", "Cell address"],
  typeCellAddressHelp: ["如 教扶04!E7（工作表编号或名称，感叹号，单元格）。", "E.g. 教扶04!E7 (the sheet's number or name, !, the cell)."],
  addCell: ["添加", "Add"],
  notACellAddress: ["“{typed}”不是报表中的单元格：请写成 教扶04!E7 的形式。", "“{typed}” is not a cell of the forms: write it as 教扶04!E7."],
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
  stateReady: ["已填完，校验通过", "Filled in; the checks pass"],
  stateSubmitted: ["已报送第 {revision} 版，等待{reviewer}审核", "Revision {revision} submitted; waiting for {reviewer}'s review"],
  stateChanged: ["已报送第 {revision} 版；本工作簿另有改动尚未报送", "Revision {revision} submitted; this workbook has changes not yet submitted"],
  stateReturned: ["第 {revision} 版已被{reviewer}退回", "Revision {revision} was returned by {reviewer}"],
  stateAccepted: ["第 {revision} 版已通过{reviewer}审核", "Revision {revision} was accepted by {reviewer}"],
  stateLocked: ["报告期已锁定，不再接受报送", "The period is locked: no more submissions"],
  late: ["逾期", "late"],
  nextLabel: ["下一步：", "Next: "],
  nextInsert: ["选择报告期，插入报表模板。", "pick the period and insert the template."],
  nextFill: ["在各表中填写数据；空格在下面按表计数。", "fill in the sheets; blank cells are counted per sheet below."],
  nextBlanks: ["还有 {blanks} 个空格待填写；填完后报送。", "{blanks:blank cell|blank cells} left to fill; then submit."],
  nextErrors: ["改正下面的 {errors} 个错误。", "fix the {errors:error|errors} below."],
  nextExplain: ["为下面的 {unexplained} 个警告填写说明。", "explain the {unexplained:warning|warnings} below."],
  nextSubmit: ["点击“报送”。", "click Submit."],
  nextWait: ["无需操作；{reviewer}审核后，结果会显示在这里。", "nothing to do; {reviewer}'s decision will show here."],
  nextResubmit: [
    "检查改动，填写重报原因（如需），报送新版本以替换第 {revision} 版。",
    "check the changes, give a reason if asked, and submit a new revision to replace revision {revision}.",
  ],
  nextReturned: ["按审核意见修改，填写重报原因后报送。", "change the report as the comment asks, give the reason and submit again."],
  nextReturnedOpen: [
    "打开退回的第 {revision} 版，按审核意见修改，填写重报原因后报送。",
    "open the returned revision {revision}, change it as the comment asks, and submit it again with a reason.",
  ],
  nextNothing: ["无需操作。", "nothing to do."],
  nextLocked: ["如需更正，请联系省级管理员为本单位解锁。", "to correct the report, ask the province administrator to unlock it for your unit."],
  latestRevision: ["最新：第 {revision} 版 · {time} · {name}", "Latest: revision {revision} · {time} · {name}"],
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
  receiptNext: ["{reviewer}审核后，结果会显示在本页顶部。", "The decision of {reviewer} will show at the top of this tab."],
  receiptHash: ["校验码（SHA-256）", "Checksum (SHA-256)"],
  sameAsLatest: ["本工作簿与第 {revision} 版相同，无需再报送。", "This workbook is identical to revision {revision}: nothing to submit."],
  sameAsReturned: [
    "本工作簿与已退回的第 {revision} 版相同。如已核实数据无误，填写重报原因（如“已核实，数据无误”）后可再次报送；否则请按审核意见修改。",
    "This workbook is identical to revision {revision}, which was returned. If you checked the figures and they are right, give the reason (e.g. “checked, figures correct”) and submit again; otherwise change them as the comment asks.",
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
  prefectureHeader: ["市", "ReportingUnit"],
  actionHeader: ["操作", "Action"],
  stampedCopyHeader: ["盖章件", "Stamped copy"],
  statusNotSubmitted: ["未报", "not submitted"],
  statusLate: ["逾期", "late"],
  viewRevision: ["查看{unit}第 {revision} 版", "View {unit} revision {revision}"],
  periodState: ["{period} · 截止 {deadline} · {state}", "{period} · deadline {deadline} · {state}"],
  periodOpen: ["开放报送", "open"],
  periodLocked: ["已锁定", "locked"],
  noDeadline: ["无", "none"],
  countSubmitted: ["已报 {count}", "submitted {count}"],
  countReturned: ["退回 {count}", "returned {count}"],
  countAccepted: ["通过 {count}", "accepted {count}"],
  countNotSubmitted: ["未报 {count}", "not submitted {count}"],
  countLate: ["逾期 {count}", "late {count}"],
  changesSince: ["与第 {revision} 版相比的改动（{count} 格）", "Changes since revision {revision} ({count:cell|cells})"],
  noFigureChanged: ["与第 {revision} 版相比没有数字改动；重报原因：{reason}", "No figure changed since revision {revision}; reason: {reason}"],
  firstRevision: ["首次报送，无可比较的上一版。", "The first revision: nothing to compare with."],
  commentHistory: ["审核记录", "Review history"],
  noComments: ["尚无审核意见。", "No reviews yet."],
  commentRequired: ["退回时必须填写审核意见，说明要改什么。", "A return needs a comment saying what to change."],
  confirmAccept: [
    "确认通过{unit}第 {revision} 版？通过后本版计入全省汇总，市里重报须说明原因。",
    "Accept {unit} revision {revision}? It then counts in the province totals; a resubmission will need a reason.",
  ],
  confirmAcceptChild: [
    "确认通过{unit}第 {revision} 版？通过后本版用于合并{parent}的报表，{unit}重报须说明原因。",
    "Accept {unit} revision {revision}? It then goes into {parent}'s merged report; a resubmission by {unit} will need a reason.",
  ],
  confirm: ["确认通过", "Yes, accept"],
  cancel: ["取消", "Cancel"],
  reviewedAs: ["已{action}第 {revision} 版。", "Revision {revision} {action}."],
  figuresHeading: ["报表数据（按报送原样）", "The figures as submitted"],
  staleHeading: [
    "{unit}第 {revision} 版已过时：以下下级单位在其后有变化，请重新合成。",
    "{unit}'s revision {revision} is out of date: these units moved on since; rebuild it.",
  ],
  staleResubmitted: ["{unit}：第 {was} 版 → 第 {now} 版（重报）", "{unit}: revision {was} → {now} (resubmitted)"],
  staleSubmitted: ["{unit}：首次报来第 {now} 版，将替换市里所填的行", "{unit}: first sent revision {now}, which replaces the rows typed for it"],
  staleReturnedCleared: ["{unit}：第 {was} 版已退回，重新合成后其行清空待填", "{unit}: revision {was} was returned; a rebuild clears its rows for you to type"],
  staleReturnedOlder: ["{unit}：第 {was} 版已退回，改用已通过的第 {now} 版", "{unit}: revision {was} was returned; its accepted revision {now} stands in"],
  staleTotals: ["合计将变化", "Totals that change"],
  staleMoreTotals: ["另有 {count} 项", "and {count} more"],
  staleCurrent: ["{unit}第 {revision} 版与各下级当前的修订一致。", "{unit}'s revision {revision} is current with its units' revisions."],
  rebuild: ["重新合成", "Rebuild"],
  rebuiltKept: ["沿用第 {revision} 版所填的行：{units}", "Kept the rows typed in revision {revision}: {units}"],
  rebuiltReplaced: ["换为其当前修订：{units}", "Replaced by their current revision: {units}"],
  rebuiltCleared: ["已退回，行已清空待填：{units}", "Returned, rows cleared for you to type: {units}"],
  mergeIncluded: ["已纳入 {count} 个：{units}", "Included ({count}): {units}"],
  mergeReturned: ["已退回未重报 {count} 个：{units}", "Returned, not resubmitted ({count}): {units}"],
  mergeNeverSubmitted: ["从未报送 {count} 个：{units}", "Never submitted ({count}): {units}"],
  mergeNextType: [
    "下一步：在工作簿中填写 {units} 的行（灰色锁定的行来自各下级的报表，不必改），保存后校验并报送。",
    "Next: type the rows of {units} in the workbook (the grey, locked rows are the units' own), save it, then check and submit it.",
  ],
  mergeNextComplete: [
    "下一步：各下级的行都已齐全，请核对封面后校验并报送。",
    "Next: every unit's rows are in; check the cover, then check and submit the workbook.",
  ],
  pageMergeNextType: [
    "下一步：打开下载的工作簿，填写 {units} 的行（灰色锁定的行来自各下级的报表，不必改），保存后拖回本页校验并报送。",
    "Next: open the downloaded workbook, type the rows of {units} (the grey, locked rows are the units' own), save it and drop it back on this page to check and submit.",
  ],
  pageMergeNextComplete: [
    "下一步：各下级的行都已齐全；打开下载的工作簿核对封面，保存后拖回本页校验并报送。",
    "Next: every unit's rows are in; open the downloaded workbook, check the cover, save it and drop it back on this page to check and submit.",
  ],
  reviewClosed: ["第 {revision} 版已{state}，无需再审核。", "Revision {revision} is {state}: there is nothing left to review."],
  refusedNewerRevision: [
    "不能审核第 {revision} 版：填报单位已报来第 {current} 版，请打开第 {current} 版审核。",
    "Revision {revision} cannot be reviewed: the unit has sent revision {current}; open revision {current} and review it.",
  ],
  refusedAlreadyReturned: [
    "第 {revision} 版已被退回，不能再审核；填报单位重报后，审核新的一版。",
    "Revision {revision} was already returned and cannot be reviewed again; review the unit's next revision once it resubmits.",
  ],
  refusedAlreadyAccepted: [
    "第 {revision} 版已通过，不能再审核；如需更改，请填报单位重报。",
    "Revision {revision} was already accepted and cannot be reviewed again; to change it, ask the unit to resubmit.",
  ],
  refusedStampedCopy: [
    "第 {revision} 版尚未附盖章件，本报告期须附盖章件才能通过：请填报单位先上传盖章件。",
    "Revision {revision} has no stamped copy, and this period needs one before acceptance: ask the unit to upload it first.",
  ],
  refusedLocked: [
    "报告期已锁定，不能审核第 {revision} 版：如需审核，请管理员为该单位解锁。",
    "The period is locked, so revision {revision} cannot be reviewed: ask an administrator to unlock it for this unit.",
  ],
  refusedForbidden: [
    "您不能审核第 {revision} 版：此报表由其上级单位审核。",
    "You cannot review revision {revision}: the unit it reports to reviews this report.",
  ],
  serverUnreachable: [
    "无法连接服务器 {url}：请检查服务器地址和网络后再试。",
    "Cannot reach the server {url}: check the server URL and the network, then try again.",
  ],
  tokenRefused: [
    "服务器不接受这个访问令牌（可能已过期、被撤销或输错）：请向管理员索取新令牌。",
    "The server does not accept this access token (expired, revoked or mistyped): ask your administrator for a new one.",
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
  rememberMe: ["记住我（只在自己的电脑上勾选）", "Remember me (tick only on your own computer)"],
  periodLockedOption: ["{period}（已锁定）", "{period} (locked)"],
  noOpenPeriod: [
    "没有开放的报告期：报告期锁定后不能再插入模板。如需补报或更正，请联系省级管理员为本单位解锁。",
    "No open period: a locked period gives no template. To file late or correct, ask the province administrator to unlock it for your unit.",
  ],
  stampedCopy: ["第 {revision} 版的盖章件", "Stamped copy of revision {revision}"],
  stamped: ["已盖章 · SHA-256 {sha}…", "Stamped copy attached · SHA-256 {sha}…"],
  notStamped: ["未盖章：尚未附签字盖章的纸质报表扫描件。", "Not stamped: no signed and stamped copy is attached yet."],
  superseded: ["已被新件取代", "superseded"],
  attachStampedCopy: ["附盖章件", "Attach the stamped copy"],
  stampedCopyFile: ["盖章件文件（PDF、JPEG 或 PNG）", "The stamped copy's file (PDF, JPEG or PNG)"],
  chooseStampedCopy: ["请先选择盖章件文件(PDF、JPEG 或 PNG)。", "Choose the stamped copy first (PDF, JPEG or PNG)."],
  stampedCopyTooLarge: ["文件超过 {max}，请降低扫描分辨率后重试。", "The file is over {max}: scan at a lower resolution and retry."],
  stampedCopyAttached: ["已附第 {revision} 版的第 {sequence} 份盖章件。", "Stamped copy {sequence} of revision {revision} attached."],
  dashboardHeading: ["概览", "Overview"],
  statusMapTitle: ["各市报送状态", "Status by prefecture"],
  statusMapSummary: ["各市报送状态地图：{counts}", "Map of the prefectures' status: {counts}"],
  legendCount: ["{status} {count}", "{status} {count}"],
  tileLabel: ["{unit}：{status}", "{unit}: {status}"],
  tileLabelOpen: ["{unit}：{status}，查看第 {revision} 版", "{unit}: {status}; view revision {revision}"],
  deadlineLeft: ["截止 {deadline}（北京时间），还剩 {days} 天", "Deadline {deadline} (Beijing time): {days:day|days} left"],
  deadlineToday: ["今天截止（{deadline}，北京时间）", "The deadline is today ({deadline}, Beijing time)"],
  deadlinePassedDays: ["截止 {deadline}，已过 {days} 天", "Deadline {deadline}: passed {days:day|days} ago"],
  deadlineNone: ["本期未设截止日期", "No deadline set for this period"],
  indicatorsTitle: ["主要指标 · {period}", "Headline figures · {period}"],
  coverageIncluded: ["含 {count} 个市的数据", "Figures of {count:prefecture|prefectures}"],
  coverageMissing: ["{count} 个市未计入（未报或已退回）", "{count:prefecture|prefectures} not included (nothing submitted, or returned)"],
  coverageNotAccepted: ["{count} 份未经审核", "{count:revision|revisions} not yet accepted"],
  coveragePending: [
    "{count} 项新报送或审核尚未计入（汇总更新中，稍后刷新）",
    "{count} new submits or reviews not in these totals yet (updating; refresh shortly)",
  ],
  coverageSeparator: ["；", "; "],
  fetchedAt: ["读取于 {time}", "Fetched {time}"],
  staleBanner: [
    "数据可能已过时：刷新失败（{reason}）。以下是 {time} 读取的数据。",
    "May be out of date: the refresh failed ({reason}). These figures were fetched {time}.",
  ],
  noConsolidatedData: ["本期尚无可汇总的报表。", "No report to consolidate in this period yet."],
  ofPlan: ["完成计划 {percent}（计划 {plan}）", "{percent} of plan ({plan})"],
  vsPrevious: ["较上期 {period}：{change}（{previous}）", "On {period}: {change} ({previous})"],
  noPreviousPeriod: ["上期无数据", "no previous period"],
  previousNoData: ["上期 {period} 无数据", "no data for the previous period {period}"],
  byStage: ["按学段", "By stage"],
  byPrefecture: ["各市占全省", "Each prefecture's share"],
  chartSummary: ["{label}：全省 {total}。{detail}", "{label}: province {total}. {detail}"],
  shareSummary: ["{unit} {value}（{share}）", "{unit} {value} ({share})"],
  numbersTable: ["数据表", "The numbers"],
  valueHeader: ["数值", "Value"],
  shareHeader: ["占全省", "Share"],
  provinceRow: ["全省", "Province"],
  planRow: ["计划", "Plan"],
  previousRow: ["上期 {period}", "Previous period {period}"],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof strings;

/** The pane's sentences about Excel, said as the web page (over a workbook file) says them. */
export const pageWording: Partial<Record<StringKey, StringKey>> = {
  notAReport: "pageNoFile",
  createReport: "pageDownloadTemplate",
  templateDownload: "pageTemplateDownload",
  newReport: "pageNewReport",
  reviseRevision: "pageReviseRevision",
  revisionDownloaded: "pageRevisionDownloaded",
  nextReturnedOpen: "pageNextReturnedOpen",
  workbookDownload: "pageWorkbookDownload",
  open: "pageOpenRevision",
  queuedUnsaved: "pageQueued",
  title: "pageTitle",
  tokenHelp: "pageTokenHelp",
  disconnect: "pageSignOut",
  disconnectConfirm: "pageSignOut",
  disconnectWarning: "pageSignOutWarning",
  mergeNextType: "pageMergeNextType",
  mergeNextComplete: "pageMergeNextComplete",
};

/**
 * A UI string in the language, with {name} placeholders filled in; {name:error|errors} is a count
 * with its English noun in the right number ("1 error", "2 errors").
 */
export function text(language: Language, key: StringKey, values: Record<string, string | number> = {}): string {
  const template = strings[key][language === "zh" ? 0 : 1];
  return template.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (placeholder, name: string, singular?: string, plural?: string) => {
    if (!(name in values)) return placeholder;
    const value = values[name] as string | number;
    return singular === undefined ? String(value) : englishCount(Number(value), singular, plural);
  });
}

/** A file card's error in one line, Chinese then English: the page's language may be either, the line is read by both. */
export function fileErrorLine(key: StringKey, values: (language: Language) => Record<string, string | number>): string {
  return `${text("zh", key, values("zh"))} / ${text("en", key, values("en"))}`;
}

/** A server time as the province reads it: Beijing time (UTC+8 all year), "2026-11-28 22:31:07". */
export function formatTime(language: Language, iso: string): string {
  const beijing = beijingTime(iso);
  return language === "zh" || beijing === iso ? beijing : `${beijing} (Beijing)`;
}
