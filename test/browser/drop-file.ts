/// <reference lib="dom" />
import type { Page } from "playwright-core";

/**
 * Drops a file on the web page as a clerk drags it from the file manager; resolves once the page has
 * read it (or said why not), or, with `until: "issues"`, once it has drawn the issue list. Gives the
 * milliseconds from the drop, measured in the page.
 */
export function dropFile(page: Page, bytes: Uint8Array, name: string, until: "read" | "issues" = "read"): Promise<number> {
  return page.evaluate(
    ([base64, fileName, event]) =>
      new Promise<number>((resolve) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(base64), (character) => character.charCodeAt(0))], fileName));
        const start = performance.now();
        const done = () => resolve(performance.now() - start);
        document.addEventListener(event, done, { once: true });
        if (event === "tianbao:file-loaded")
          new MutationObserver(done).observe(document.getElementById("file-error") as HTMLElement, { attributes: true, childList: true });
        document.getElementById("drop-zone")?.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }),
    [Buffer.from(bytes).toString("base64"), name, until === "read" ? "tianbao:file-loaded" : "tianbao:issues-rendered"] as const,
  );
}
