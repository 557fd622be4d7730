/**
 * Where each of the 16 prefectures sits on the dashboard's hex tile map, laid out like Shandong
 * (north up): a grid of pointy-top hexagons, odd rows shifted half a tile east. No boundary data
 * ships with the pane, so the map keeps neighbours next to each other instead of drawing borders.
 *
 * ```
 *                               威海
 *           德州  滨州  东营  烟台
 *              济南  淄博  潍坊  青岛
 *           聊城  泰安  临沂  日照
 *              菏泽  济宁  枣庄
 * ```
 * Of the 30 pairs of prefectures that share a border (2019 divisions, 莱芜 part of 济南), the grid
 * keeps 28; it cannot keep 德州–聊城 and 济宁–临沂, and it puts three pairs side by side that do not
 * border: 东营–烟台 (across 莱州湾), 淄博–泰安 and 泰安–枣庄 (test/addin/dashboard.test.ts).
 */
export interface PrefectureTile {
  unitCode: string;
  /** Column in the row; an odd row starts half a tile further east. */
  column: number;
  /** Row from north (0) to south. */
  row: number;
}

export const prefectureTiles: readonly PrefectureTile[] = [
  { unitCode: "371000", column: 5, row: 0 }, // 威海
  { unitCode: "371400", column: 1, row: 1 }, // 德州
  { unitCode: "371600", column: 2, row: 1 }, // 滨州
  { unitCode: "370500", column: 3, row: 1 }, // 东营
  { unitCode: "370600", column: 4, row: 1 }, // 烟台
  { unitCode: "370100", column: 2, row: 2 }, // 济南
  { unitCode: "370300", column: 3, row: 2 }, // 淄博
  { unitCode: "370700", column: 4, row: 2 }, // 潍坊
  { unitCode: "370200", column: 5, row: 2 }, // 青岛
  { unitCode: "371500", column: 1, row: 3 }, // 聊城
  { unitCode: "370900", column: 2, row: 3 }, // 泰安
  { unitCode: "371300", column: 3, row: 3 }, // 临沂
  { unitCode: "371100", column: 4, row: 3 }, // 日照
  { unitCode: "371700", column: 1, row: 4 }, // 菏泽
  { unitCode: "370800", column: 2, row: 4 }, // 济宁
  { unitCode: "370400", column: 3, row: 4 }, // 枣庄
];

/** Row spacing of pointy-top hexagons, in tile widths (√3 / 2). */
export const ROW_SPACING = Math.sqrt(3) / 2;

/** A tile's centre in tile widths: x east, y south. */
export function tileCentre(tile: PrefectureTile): { x: number; y: number } {
  return { x: tile.column + (tile.row % 2 === 1 ? 0.5 : 0), y: tile.row * ROW_SPACING };
}

/** Whether two tiles share an edge: side by side in a row, or diagonally in the next row. */
export function tilesAdjacent(a: PrefectureTile, b: PrefectureTile): boolean {
  const first = tileCentre(a);
  const second = tileCentre(b);
  const rows = Math.abs(a.row - b.row);
  const across = Math.abs(first.x - second.x);
  return (rows === 0 && across === 1) || (rows === 1 && across === 0.5);
}

const TILE_WIDTH = 64;
const RADIUS = TILE_WIDTH / Math.sqrt(3);
const MARGIN = 2;

/** A pointy-top hexagon's corners around (cx, cy), as an SVG points list. */
export function hexagonPoints(cx: number, cy: number): string {
  return Array.from({ length: 6 }, (_, corner) => {
    const angle = (Math.PI / 180) * (60 * corner - 90);
    return `${(cx + RADIUS * Math.cos(angle)).toFixed(2)},${(cy + RADIUS * Math.sin(angle)).toFixed(2)}`;
  }).join(" ");
}

/** The tile map in SVG units: its size and each prefecture's centre. Every map of the dashboard shares it. */
export function tileMapLayout(): { width: number; height: number; centres: { unitCode: string; cx: number; cy: number }[] } {
  const centres = prefectureTiles.map(tileCentre);
  const minX = Math.min(...centres.map((centre) => centre.x));
  const maxX = Math.max(...centres.map((centre) => centre.x));
  const maxY = Math.max(...centres.map((centre) => centre.y));
  return {
    width: (maxX - minX + 1) * TILE_WIDTH + 2 * MARGIN,
    height: (maxY / ROW_SPACING) * 1.5 * RADIUS + 2 * RADIUS + 2 * MARGIN,
    centres: centres.map((centre, index) => ({
      unitCode: (prefectureTiles[index] as PrefectureTile).unitCode,
      cx: MARGIN + (centre.x - minX) * TILE_WIDTH + TILE_WIDTH / 2,
      cy: MARGIN + RADIUS + (centre.y / ROW_SPACING) * 1.5 * RADIUS,
    })),
  };
}
