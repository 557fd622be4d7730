// Office 2019/2016 volume-licensed host add-ins in Trident (IE 11), and their retail editions without
// WebView2 in EdgeHTML (Edge Legacy) or Trident, which cannot run the pane: Microsoft recommends a
// graceful message there ("Support older Microsoft webviews and Office versions"). A plain script with ES5 syntax, so that these engines run it; a file, not inline,
// so that the pane's Content-Security-Policy allows it (worker/http/security-headers.ts).
if (/Trident\/|Edge\/\d/.test(navigator.userAgent)) {
  document.getElementById("app").style.display = "none";
  document.getElementById("old-webview").style.display = "block";
}
