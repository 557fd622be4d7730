import { text } from "../logic/i18n.ts";
import { h } from "./dom.ts";

/**
 * office.js did not load (a network that blocks Microsoft's CDN) or never said it was ready: without
 * it there is no Excel to work with, so the pane sends the clerk to the web page of its own origin,
 * which needs no office.js. In both languages: Office's display language is unknown without office.js.
 */
export function showOfficeUnreachable(root: HTMLElement, webPageUrl: string): void {
  const link = () => h("a", { href: webPageUrl, target: "_blank", rel: "noopener" }, webPageUrl);
  const sentence = (language: "zh" | "en") => {
    const [before, after] = text(language, "officeUnreachableHelp").split("{url}");
    return h("p", language === "en" ? { lang: "en" } : {}, before, link(), after);
  };
  root.replaceChildren(
    h("h1", {}, "填报 Tianbao"),
    h(
      "section",
      { class: "card error", id: "office-unreachable", role: "alert" },
      h("h2", {}, `${text("zh", "officeUnreachable")} / ${text("en", "officeUnreachable")}`),
      sentence("zh"),
      sentence("en"),
    ),
  );
}
