/**
 * Characters no text of a report, reason, comment or name may hold: C0 control characters other
 * than tab and newline (the .xlsx writer cannot keep them, so a workbook would differ from the
 * API's view), lone surrogates (not Unicode text), and bidirectional embeddings, overrides and
 * isolates (they can make a name read differently from what it is).
 */
const UNCLEAN_TEXT = /[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isCleanText = (text: string): boolean => !UNCLEAN_TEXT.test(text);

export const UNCLEAN_TEXT_MESSAGE = {
  zh: "含有不允许的字符(控制字符、不成对的代理项或双向文本控制符)",
  en: "contains a character that is not allowed (a control character, a lone surrogate or a bidirectional override)",
};

/**
 * What a file name may not hold besides what no text may: any control character (tabs and newlines
 * too, and DEL and C1), the bidirectional marks (LRM, RLM, ALM), zero-width and invisible
 * characters — all of them can make "invoice\u202Efdp.exe" or "盖章件\u200B.pdf" show as a name it is not.
 */
const HIDDEN_IN_FILE_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2060-\u2064\ufeff]/;

export const isCleanFileName = (name: string): boolean => isCleanText(name) && !HIDDEN_IN_FILE_NAMES.test(name);

export const UNCLEAN_FILE_NAME_MESSAGE = {
  zh: "文件名含有不允许的字符(控制字符、不成对的代理项、双向文本控制符或零宽字符)",
  en: "the file name contains a character that is not allowed (a control character, a lone surrogate, a bidirectional control or a zero-width character)",
};
