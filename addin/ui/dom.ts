import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";

/** A tiny element builder: h("button", { class: "primary", onclick }, "报送"). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Node | string | false | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (name in element && name !== "list" && typeof value !== "boolean") (element as unknown as Record<string, unknown>)[name] = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) element.append(child);
  return element;
}

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** h() for SVG: svg("rect", { x: 0, y: 0, width: 10, height: 10, class: "bar" }); attributes are set as attributes, on… as listeners. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Node | string | false | null | undefined)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NAMESPACE, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) element.append(child);
  return element;
}

/**
 * A link that saves an .xlsx (base64) as a file: where Excel can neither insert sheets nor open a
 * workbook for the add-in (ExcelApi below 1.8), the clerk opens the downloaded file in Excel.
 */
export function downloadLink(base64: string, fileName: string, label: string): HTMLAnchorElement {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MEDIA_TYPE }));
  return h("a", { href: url, download: fileName, class: "download" }, label);
}
