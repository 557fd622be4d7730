const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/**
 * Keys typed by people (university, township) are compared after trimming and folding
 * full-width characters to half-width, so that "山东大学 " and "山东大学" or "ＡＢＣ" and "ABC" match.
 */
export function foldKey(text: string): string {
  if (!FULL_WIDTH.test(text)) return text.trim();
  return text
    .replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .trim();
}
