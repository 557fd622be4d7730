// A PDF's pages as poppler reads them back: each page's size and its words with their boxes, in
// the order they are drawn (pdftotext -raw -bbox), for print tests that check where text landed.
import { spawnSync } from "node:child_process";

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

/** Every page of the PDF with its words (poppler's pdftotext must be installed). */
export function pdfWords(pdf: string): PdfPage[] {
  const run = spawnSync("pdftotext", ["-raw", "-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout
    .split("<page ")
    .slice(1)
    .map((page) => ({
      width: Number(/width="([\d.]+)"/.exec(page)?.[1]),
      height: Number(/height="([\d.]+)"/.exec(page)?.[1]),
      words: [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
        text: (match[5] as string).replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity] as string),
      })),
    }));
}

/** The page's text as drawn, without any whitespace: a cell's wrapped lines follow each other. */
export const compactText = (page: PdfPage): string => page.words.map((word) => word.text).join("");

/** Pairs of words on the page drawn over each other: their boxes share more than a third of the smaller one's width and height. */
export function overprintedWords(page: PdfPage): [PdfWord, PdfWord][] {
  const share = (aMin: number, aMax: number, bMin: number, bMax: number) => (Math.min(aMax, bMax) - Math.max(aMin, bMin)) / Math.min(aMax - aMin, bMax - bMin);
  const overlapping: [PdfWord, PdfWord][] = [];
  const words = [...page.words].sort((a, b) => a.yMin - b.yMin);
  for (let i = 0; i < words.length; i++) {
    const a = words[i] as PdfWord;
    for (let j = i + 1; j < words.length && (words[j] as PdfWord).yMin < a.yMax; j++) {
      const b = words[j] as PdfWord;
      if (share(a.xMin, a.xMax, b.xMin, b.xMax) > 1 / 3 && share(a.yMin, a.yMax, b.yMin, b.yMax) > 1 / 3) overlapping.push([a, b]);
    }
  }
  return overlapping;
}
