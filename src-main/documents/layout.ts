import { grayscale, type PDFDocument, type PDFFont } from 'pdf-lib';
import { drawQrOnPage, type QrMatrix } from './qr-code.js';

/**
 * A small flow-layout engine over pdf-lib: content is laid out top-down
 * with a cursor measured from the top of the page (pdf-lib measures from
 * the bottom), wrapped with the embedded font's real advance widths, and
 * drawn once every page's height is known — a thermal roll is as tall as
 * its content, an A4 sheet breaks onto a new page when it is full.
 */

export const MM = 72 / 25.4;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Run {
  text: string;
  font: PDFFont;
}

interface Segment {
  text: string;
  font: PDFFont;
  dx: number;
}

export interface TextLine {
  segments: Segment[];
  width: number;
}

export type Align = 'left' | 'center' | 'right';

type Op =
  | { kind: 'text'; x: number; baseline: number; text: string; font: PDFFont; size: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; border: number; fill: number | null }
  | { kind: 'qr'; x: number; y: number; size: number; matrix: QrMatrix };

interface SheetPage {
  ops: Op[];
  /** Lowest point drawn so far, from the top: a roll page is cut just below it. */
  end: number;
}

/** Baseline of a line of text sits this far (in em) below the line's top. */
const ASCENT = 0.95;

export class Sheet {
  readonly pages: SheetPage[] = [];
  /** Cursor: distance from the top of the current page to the next free line. */
  y = 0;

  /** `pageHeight` null = a roll: one page per `newPage()`, cut to its content. */
  constructor(
    readonly pageWidth: number,
    readonly pageHeight: number | null,
    readonly margins: Margins,
  ) {
    this.newPage();
  }

  get left(): number {
    return this.margins.left;
  }

  get width(): number {
    return this.pageWidth - this.margins.left - this.margins.right;
  }

  get right(): number {
    return this.pageWidth - this.margins.right;
  }

  private get current(): SheetPage {
    const page = this.pages[this.pages.length - 1];
    if (!page) throw new Error('Sheet has no page');
    return page;
  }

  fits(height: number): boolean {
    return this.pageHeight === null || this.y + height <= this.pageHeight - this.margins.bottom;
  }

  /** Starts a new page unless `height` still fits; says whether it did. */
  ensure(height: number): boolean {
    if (this.fits(height) || this.y <= this.margins.top) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    this.pages.push({ ops: [], end: this.margins.top });
    this.y = this.margins.top;
  }

  advance(height: number): void {
    this.y += height;
    this.current.end = Math.max(this.current.end, this.y);
  }

  add(op: Op): void {
    this.current.ops.push(op);
    const bottom = op.kind === 'text' ? op.baseline : op.kind === 'line' ? Math.max(op.y1, op.y2) : op.y + (op.kind === 'qr' ? op.size : op.h);
    this.current.end = Math.max(this.current.end, bottom);
  }

  text(x: number, baseline: number, text: string, font: PDFFont, size: number): void {
    if (text) this.add({ kind: 'text', x, baseline, text, font, size });
  }

  hline(x1: number, x2: number, y: number, thickness = 0.6): void {
    this.add({ kind: 'line', x1, y1: y, x2, y2: y, thickness });
  }

  vline(x: number, y1: number, y2: number, thickness = 0.6): void {
    this.add({ kind: 'line', x1: x, y1, x2: x, y2, thickness });
  }

  rect(x: number, y: number, w: number, h: number, border: number, fill: number | null = null): void {
    this.add({ kind: 'rect', x, y, w, h, border, fill });
  }

  qr(x: number, y: number, size: number, matrix: QrMatrix): void {
    this.add({ kind: 'qr', x, y, size, matrix });
  }

  /** Draws every page into the document; returns the page sizes used. */
  render(doc: PDFDocument): { width: number; height: number }[] {
    return this.pages.map((p) => {
      const height = this.pageHeight ?? Math.ceil(p.end + this.margins.bottom);
      const page = doc.addPage([this.pageWidth, height]);
      const black = grayscale(0);
      for (const op of p.ops) {
        switch (op.kind) {
          case 'text':
            page.drawText(op.text, { x: op.x, y: height - op.baseline, size: op.size, font: op.font, color: black });
            break;
          case 'line':
            page.drawLine({ start: { x: op.x1, y: height - op.y1 }, end: { x: op.x2, y: height - op.y2 }, thickness: op.thickness, color: black });
            break;
          case 'rect':
            page.drawRectangle({
              x: op.x,
              y: height - op.y - op.h,
              width: op.w,
              height: op.h,
              borderWidth: op.border,
              borderColor: op.border > 0 ? black : undefined,
              color: op.fill === null ? undefined : grayscale(op.fill),
            });
            break;
          case 'qr':
            drawQrOnPage(page, op.matrix, { x: op.x, y: height - op.y - op.size, size: op.size });
            break;
        }
      }
      return { width: this.pageWidth, height };
    });
  }
}

// ---------------------------------------------------------------- wrapping

type Piece = { kind: 'word'; text: string; font: PDFFont } | { kind: 'space'; font: PDFFont } | { kind: 'break' };

function piecesOf(runs: readonly Run[]): Piece[] {
  const pieces: Piece[] = [];
  for (const run of runs) {
    for (const part of run.text.normalize('NFC').split(/(\n|[ \t\u00a0]+)/)) {
      if (part === '') continue;
      if (part === '\n') pieces.push({ kind: 'break' });
      else if (/^[ \t\u00a0]+$/.test(part)) pieces.push({ kind: 'space', font: run.font });
      else pieces.push({ kind: 'word', text: part, font: run.font });
    }
  }
  return pieces;
}

/** Words glued across runs ("Tên:" + bold "An" + ",") wrap as one unit. */
type Group = { text: string; font: PDFFont }[];

/**
 * Widths measured once per font, size and text: fontkit shapes the text on
 * every measurement, and a receipt measures the same words for both copies
 * (npm run bench, row 4). Per PDFFont, so it goes with its document.
 */
const widths = new WeakMap<PDFFont, Map<string, number>>();

export function textWidth(font: PDFFont, text: string, size: number): number {
  let known = widths.get(font);
  if (!known) widths.set(font, (known = new Map()));
  const key = `${size}|${text}`;
  let w = known.get(key);
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, size);
    known.set(key, w);
  }
  return w;
}

function groupWidth(group: Group, size: number): number {
  return group.reduce((w, p) => w + textWidth(p.font, p.text, size), 0);
}

/**
 * Greedy line breaking at spaces with the font's real advance widths. A
 * word longer than the line (a hash, a URL) is cut between characters
 * rather than allowed to run past the margin.
 */
export function wrapRuns(runs: readonly Run[], size: number, maxWidth: number): TextLine[] {
  const lines: TextLine[] = [];
  let parts: { text: string; font: PDFFont }[] = [];
  let width = 0;
  let pendingSpace: PDFFont | null = null;

  const flush = () => {
    lines.push(toLine(parts, size));
    parts = [];
    width = 0;
    pendingSpace = null;
  };

  const place = (group: Group) => {
    const w = groupWidth(group, size);
    const spaceW = pendingSpace && parts.length ? textWidth(pendingSpace, ' ', size) : 0;
    if (width + spaceW + w <= maxWidth + 0.01) {
      if (spaceW && pendingSpace) parts.push({ text: ' ', font: pendingSpace });
      parts.push(...group);
      width += spaceW + w;
      pendingSpace = null;
      return;
    }
    if (parts.length) flush();
    if (w <= maxWidth + 0.01) {
      parts.push(...group);
      width = w;
      pendingSpace = null;
      return;
    }
    for (const piece of group) {
      for (const ch of Array.from(piece.text)) {
        const cw = textWidth(piece.font, ch, size);
        if (width + cw > maxWidth + 0.01 && parts.length) flush();
        parts.push({ text: ch, font: piece.font });
        width += cw;
      }
    }
    pendingSpace = null;
  };

  let group: Group = [];
  for (const piece of piecesOf(runs)) {
    if (piece.kind === 'word') {
      group.push({ text: piece.text, font: piece.font });
      continue;
    }
    if (group.length) place(group);
    group = [];
    if (piece.kind === 'break') flush();
    else pendingSpace = piece.font;
  }
  if (group.length) place(group);
  if (parts.length || lines.length === 0) flush();
  return lines;
}

function toLine(parts: { text: string; font: PDFFont }[], size: number): TextLine {
  const segments: Segment[] = [];
  let dx = 0;
  for (const p of parts) {
    const last = segments[segments.length - 1];
    if (last && last.font === p.font) last.text += p.text;
    else segments.push({ text: p.text, font: p.font, dx });
    dx += textWidth(p.font, p.text, size);
  }
  return { segments, width: dx };
}

// -------------------------------------------------------------- paragraphs

export interface TextStyle {
  size: number;
  /** Line height as a multiple of the size. */
  leading?: number;
  align?: Align;
}

export function lineHeight(style: TextStyle): number {
  return style.size * (style.leading ?? 1.35);
}

export function measure(runs: readonly Run[], style: TextStyle, width: number): { lines: TextLine[]; height: number } {
  const lines = wrapRuns(runs, style.size, width);
  return { lines, height: lines.length * lineHeight(style) };
}

/** Draws already-wrapped lines with their top at `top`, without moving the cursor. */
export function drawLines(sheet: Sheet, lines: readonly TextLine[], style: TextStyle, x: number, width: number, top: number): number {
  const lh = lineHeight(style);
  lines.forEach((line, i) => {
    const align = style.align ?? 'left';
    const offset = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
    const baseline = top + i * lh + (lh - style.size) / 2 + style.size * ASCENT;
    for (const seg of line.segments) sheet.text(x + offset + seg.dx, baseline, seg.text, seg.font, style.size);
  });
  return lines.length * lh;
}

/** A flowing paragraph across the content width (or a given column); breaks onto new pages line by line. */
export function paragraph(sheet: Sheet, runs: readonly Run[], style: TextStyle, column?: { x: number; width: number }): void {
  const x = column?.x ?? sheet.left;
  const width = column?.width ?? sheet.width;
  const { lines } = measure(runs, style, width);
  const lh = lineHeight(style);
  for (const line of lines) {
    sheet.ensure(lh);
    drawLines(sheet, [line], style, x, width, sheet.y);
    sheet.advance(lh);
  }
}

export interface Column {
  header: string;
  width: number;
  align?: Align;
}

export interface TableStyle {
  size: number;
  font: PDFFont;
  headerFont: PDFFont;
  padding: number;
}

/**
 * A bordered table whose cells wrap; a row never splits across pages and
 * the header is repeated at the top of a continued table.
 */
export function table(sheet: Sheet, columns: readonly Column[], rows: readonly (readonly (string | readonly Run[])[])[], style: TableStyle): void {
  const pad = style.padding;
  const textStyle = (align: Align | undefined): TextStyle => ({ size: style.size, leading: 1.3, align: align ?? 'left' });

  const layoutRow = (cells: readonly (string | readonly Run[])[], font: PDFFont, header: boolean) => {
    const measured = columns.map((col, i) => {
      const cell = cells[i] ?? '';
      const runs = typeof cell === 'string' ? [{ text: cell, font }] : cell;
      return measure(runs, textStyle(header ? 'center' : col.align), col.width - 2 * pad);
    });
    const height = Math.max(...measured.map((m) => m.height)) + 2 * pad;
    return { measured, height, header };
  };

  const drawRow = (row: ReturnType<typeof layoutRow>) => {
    const top = sheet.y;
    if (row.header) sheet.rect(sheet.left, top, columns.reduce((w, c) => w + c.width, 0), row.height, 0, 0.92);
    let x = sheet.left;
    columns.forEach((col, i) => {
      const m = row.measured[i];
      if (m) {
        // Header labels sit in the middle of their cell; body text starts at the top.
        const dy = row.header ? (row.height - 2 * pad - m.height) / 2 : 0;
        drawLines(sheet, m.lines, textStyle(row.header ? 'center' : col.align), x + pad, col.width - 2 * pad, top + pad + dy);
      }
      sheet.vline(x, top, top + row.height);
      x += col.width;
    });
    sheet.vline(x, top, top + row.height);
    sheet.hline(sheet.left, x, top);
    sheet.hline(sheet.left, x, top + row.height);
    sheet.advance(row.height);
  };

  const header = layoutRow(
    columns.map((c) => c.header),
    style.headerFont,
    true,
  );
  const body = rows.map((r) => layoutRow(r, style.font, false));
  // Keep the header with at least the first row.
  sheet.ensure(header.height + (body[0]?.height ?? 0));
  drawRow(header);
  for (const row of body) {
    if (sheet.ensure(row.height)) drawRow(header);
    drawRow(row);
  }
}

// ------------------------------------------------------------------ stacks

/** A column of blocks drawn as one unit: a header half, a signature block, a QR with its caption. */
export type StackItem =
  | { runs: readonly Run[]; style: TextStyle }
  | { gap: number }
  | { rule: number; thickness?: number }
  | { qr: QrMatrix; size: number };

export interface StackColumn {
  x: number;
  width: number;
  items: readonly StackItem[];
}

function itemHeight(item: StackItem, width: number): number {
  if ('runs' in item) return measure(item.runs, item.style, width).height;
  if ('gap' in item) return item.gap;
  if ('rule' in item) return 5;
  return item.size;
}

export function stackHeight(items: readonly StackItem[], width: number): number {
  return items.reduce((h, item) => h + itemHeight(item, width), 0);
}

function drawStack(sheet: Sheet, column: StackColumn, top: number): void {
  let y = top;
  for (const item of column.items) {
    if ('runs' in item) {
      y += drawLines(sheet, measure(item.runs, item.style, column.width).lines, item.style, column.x, column.width, y);
    } else if ('gap' in item) {
      y += item.gap;
    } else if ('rule' in item) {
      const w = Math.min(item.rule, column.width);
      sheet.hline(column.x + (column.width - w) / 2, column.x + (column.width + w) / 2, y + 1.5, item.thickness ?? 0.6);
      y += 5;
    } else {
      sheet.qr(column.x + (column.width - item.size) / 2, y, item.size, item.qr);
      y += item.size;
    }
  }
}

/** Columns side by side, kept together on one page; the cursor moves below the tallest. */
export function sideBySide(sheet: Sheet, columns: readonly StackColumn[]): void {
  const height = Math.max(0, ...columns.map((c) => stackHeight(c.items, c.width)));
  sheet.ensure(height);
  for (const column of columns) drawStack(sheet, column, sheet.y);
  sheet.advance(height);
}
