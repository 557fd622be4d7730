import { h } from "./dom.ts";

/**
 * The pane opened in a plain browser tab (office.js finds no Office host): it cannot work without
 * Excel, so it says where to open it (or the web page beside it) instead of waiting for a host that never comes. In both
 * languages: there is no Office display language to follow here.
 */
export function showOutsideOffice(root: HTMLElement): void {
  root.replaceChildren(
    h("h1", {}, "填报 Tianbao"),
    h(
      "section",
      { class: "card", id: "outside-office" },
      h(
        "p",
        {},
        "这是 Excel 加载项的任务窗格，需要在 Excel 中打开：在 Excel 网页版或 Microsoft 365 中选择 开始 › 加载项 › 更多加载项 › 我的加载项 › 上传我的加载项，选择 manifest.xml，然后点击功能区上的“填报”。",
      ),
      h(
        "p",
        {},
        "没有 Excel（用 WPS、LibreOffice 或旧版 Excel）时，请打开",
        h("a", { href: "/", id: "web-page-link" }, "网页报送"),
        "：下载模板，填好后拖到网页上检查并报送；也可以用命令行：npx tianbao submit 文件.xlsx。",
      ),
      h(
        "p",
        { lang: "en" },
        "This is an Excel add-in's task pane: open it in Excel. In Excel on the web or Microsoft 365 choose Home › Add-ins › More add-ins › My add-ins › Upload My Add-in, pick manifest.xml, then click 填报 on the ribbon. Without Excel (WPS, LibreOffice, an older Excel), open the web page at this site's root: download the template, fill it, drop it on the page to check and submit; or use the command line: npx tianbao submit file.xlsx.",
      ),
    ),
  );
}
