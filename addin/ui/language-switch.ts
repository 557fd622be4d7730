import { type Language, text } from "../logic/i18n.ts";
import { h } from "./dom.ts";

/** Where the page keeps the clerk's choice of language, per browser. */
const LANGUAGE_KEY = "tianbao.page.language";

/** The language tag the page speaks: the one chosen in this browser, else the browser's own. */
export function pageDisplayLanguage(storage: Storage, browserLanguage: string): string {
  const chosen = storage.getItem(LANGUAGE_KEY);
  return chosen === "zh" || chosen === "en" ? chosen : browserLanguage;
}

/** 中文/English: the page in the other language, kept for this browser (the page reloads in it). */
export function languageSwitch(language: Language, storage: Storage, reload: () => void): HTMLElement {
  const other: Language = language === "zh" ? "en" : "zh";
  const choose = () => {
    storage.setItem(LANGUAGE_KEY, other);
    reload();
  };
  return h(
    "nav",
    { class: "language-switch", "aria-label": "语言 / Language" },
    h("button", { class: "link", id: "language-switch", lang: other === "zh" ? "zh-CN" : "en", onclick: choose }, text(language, "otherLanguage")),
  );
}
