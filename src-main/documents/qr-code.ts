import QRCode from 'qrcode';
import { fill, grayscale, popGraphicsState, pushGraphicsState, rectangle, setFillingColor, type PDFOperator, type PDFPage } from 'pdf-lib';

/** The modules of a QR symbol, without its quiet zone. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/** Light margin the QR standard asks for around a symbol, in modules. */
export const QR_QUIET_ZONE = 4;

/**
 * A receipt in two copies draws each of its codes twice, and choosing the
 * best of eight masks is most of making a symbol. A few recent ones are
 * enough: codes differ from one application to the next.
 */
const RECENT_SYMBOLS = 8;
const recent = new Map<string, QrMatrix>();

/**
 * Level M (15 % recovery) keeps the symbol small enough to print crisp on
 * an 80 mm roll while surviving a crease or a smudge of thermal paper.
 */
export function qrMatrix(text: string, level: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const key = `${level}|${text}`;
  const known = recent.get(key);
  if (known) return known;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
  const { size, data } = modules;
  const matrix: QrMatrix = { size, dark: (row, col) => data[row * size + col] === 1 };
  if (recent.size >= RECENT_SYMBOLS) recent.delete(recent.keys().next().value as string);
  recent.set(key, matrix);
  return matrix;
}

export interface QrSvgOptions {
  /** Rendered width and height in CSS pixels; the viewBox is in modules, so it scales without blur. */
  pixels?: number;
  /** Accessible name read by screen readers. */
  title?: string;
  level?: 'L' | 'M' | 'Q' | 'H';
}

/**
 * Dark modules as horizontal runs: a third of the drawing operators of one
 * square per module, and no hairline seams between neighbours when a viewer
 * anti-aliases, so scanners see clean edges.
 */
export function forEachDarkRun(matrix: QrMatrix, visit: (row: number, fromCol: number, toCol: number) => void): void {
  for (let r = 0; r < matrix.size; r++) {
    let c = 0;
    while (c < matrix.size) {
      if (!matrix.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < matrix.size && matrix.dark(r, c)) c++;
      visit(r, start, c);
    }
  }
}

/**
 * Draws the symbol on a pdf-lib page; `x`, `y` are its bottom-left corner in PDF points, quiet zone not included.
 * All runs go into one filled path: drawRectangle per run wrote a graphics
 * state, a colour and a fill for each of a few hundred runs, a large share of
 * a receipt's time (npm run bench, row 4).
 */
export function drawQrOnPage(page: PDFPage, matrix: QrMatrix, box: { x: number; y: number; size: number }): void {
  const m = box.size / matrix.size;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingColor(grayscale(0))];
  forEachDarkRun(matrix, (r, from, to) => {
    ops.push(rectangle(box.x + from * m, box.y + box.size - (r + 1) * m, (to - from) * m, m));
  });
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * A standalone SVG: one path of horizontal runs on a white square with the
 * quiet zone, `shape-rendering="crispEdges"` so the screen shows sharp
 * modules at any zoom.
 */
export function qrSvg(text: string, options: QrSvgOptions = {}): string {
  const matrix = qrMatrix(text, options.level ?? 'M');
  const q = QR_QUIET_ZONE;
  const total = matrix.size + 2 * q;
  let d = '';
  forEachDarkRun(matrix, (r, from, to) => {
    d += `M${from + q} ${r + q}h${to - from}v1h-${to - from}z`;
  });
  const px = options.pixels ?? total * 8;
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" width="${px}" height="${px}" shape-rendering="crispEdges" role="img">` +
    `${title}<rect width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}
