/**
 * "Cắt": the part of a paper page the citizen keeps. Pure geometry and the
 * "Tự động cắt lề" border scan, on plain pixel arrays, so they run (and
 * are tested) without a DOM; the canvas work that uses them is in
 * paper-images.ts.
 */

/** Pixels as canvas ImageData holds them: RGBA, row by row. */
export interface PixelImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A rectangle as fractions (0…1) of the page's width and height. */
export interface CropRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type CropCorner = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

export const FULL_CROP: Readonly<CropRect> = Object.freeze({ left: 0, top: 0, right: 1, bottom: 1 });

/** Smallest side a crop may have, as a fraction: a crop to a sliver is a slip of the finger. */
export const MIN_CROP_SIDE = 0.05;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** The crop with one corner moved by (dx, dy) fractions, kept inside the page and at least `minSide` wide and tall. */
export function moveCropCorner(rect: CropRect, corner: CropCorner, dx: number, dy: number, minSide = MIN_CROP_SIDE): CropRect {
  const next = { ...rect };
  if (corner === 'topLeft' || corner === 'bottomLeft') next.left = Math.min(clamp01(rect.left + dx), rect.right - minSide);
  else next.right = Math.max(clamp01(rect.right + dx), rect.left + minSide);
  if (corner === 'topLeft' || corner === 'topRight') next.top = Math.min(clamp01(rect.top + dy), rect.bottom - minSide);
  else next.bottom = Math.max(clamp01(rect.bottom + dy), rect.top + minSide);
  return next;
}

/** True when the crop keeps the whole page (nothing to re-encode). */
export function isFullCrop(rect: CropRect, epsilon = 1e-3): boolean {
  return rect.left <= epsilon && rect.top <= epsilon && rect.right >= 1 - epsilon && rect.bottom >= 1 - epsilon;
}

/**
 * A crop drawn on the page as shown (turned `rotate` degrees clockwise)
 * as the same region of the stored, unturned picture. The page keeps its
 * turn, which the host applies when it builds the PDF, so "Xoay" after
 * "Cắt" still turns the cropped page.
 */
export function cropToSource(rect: CropRect, rotate: 0 | 90 | 180 | 270): CropRect {
  // Where a point (u, v) of the shown page lies on the unturned picture.
  const toSource = (u: number, v: number): [number, number] =>
    rotate === 90 ? [v, 1 - u] : rotate === 180 ? [1 - u, 1 - v] : rotate === 270 ? [1 - v, u] : [u, v];
  const [x1, y1] = toSource(rect.left, rect.top);
  const [x2, y2] = toSource(rect.right, rect.bottom);
  return { left: Math.min(x1, x2), top: Math.min(y1, y2), right: Math.max(x1, x2), bottom: Math.max(y1, y2) };
}

/** The crop in whole pixels of a `width` × `height` picture, never empty. */
export function cropPixels(rect: CropRect, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const x = Math.min(width - 1, Math.max(0, Math.round(rect.left * width)));
  const y = Math.min(height - 1, Math.max(0, Math.round(rect.top * height)));
  const right = Math.max(x + 1, Math.min(width, Math.round(rect.right * width)));
  const bottom = Math.max(y + 1, Math.min(height, Math.round(rect.bottom * height)));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Luminance variance above which a row or column holds something (print,
 * an edge of the paper) rather than a blank margin. 150 is a standard
 * deviation of about 12 grey levels: above JPEG and sensor noise on a blank
 * margin, far below any line of print.
 */
export const BORDER_VARIANCE = 150;
/** How far (grey levels) a uniform line's brightness may drift from the edge's and still count as margin. */
const BORDER_DRIFT = 24;

function lineStats(img: PixelImage, start: number, step: number, count: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let k = 0; k < count; k++) {
    const i = (start + k * step) * 4;
    const y = 0.299 * (img.data[i] ?? 0) + 0.587 * (img.data[i + 1] ?? 0) + 0.114 * (img.data[i + 2] ?? 0);
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / count;
  return { mean, variance: sumSq / count - mean * mean };
}

/**
 * How many lines from one edge are margin: uniform (variance at most
 * `threshold`) and as bright as the edge line itself. The brightness test
 * matters for columns through a solid dark block, which are uniform too.
 */
function marginDepth(count: number, stats: (k: number) => { mean: number; variance: number }, threshold: number): number {
  const edge = stats(0);
  if (edge.variance > threshold) return 0;
  let k = 1;
  while (k < count) {
    const s = stats(k);
    if (s.variance > threshold || Math.abs(s.mean - edge.mean) > BORDER_DRIFT) break;
    k++;
  }
  return k;
}

/**
 * "Tự động cắt lề": the near-uniform margins trimmed. Rows are scanned
 * from the top and bottom, then columns (within the kept rows) from the
 * left and right, until one holds something. A page with nothing on it
 * keeps its whole area.
 */
export function autoCropBounds(img: PixelImage, threshold = BORDER_VARIANCE): CropRect {
  const { width, height } = img;
  if (width < 2 || height < 2) return { ...FULL_CROP };
  const row = (y: number) => lineStats(img, y * width, 1, width);
  const top = marginDepth(height, (k) => row(k), threshold);
  if (top >= height) return { ...FULL_CROP };
  const bottom = Math.max(top + 1, height - marginDepth(height - top, (k) => row(height - 1 - k), threshold));
  const rows = bottom - top;
  const col = (x: number) => lineStats(img, top * width + x, width, rows);
  const left = marginDepth(width, (k) => col(k), threshold);
  if (left >= width) return { left: 0, top: top / height, right: 1, bottom: bottom / height };
  const right = Math.max(left + 1, width - marginDepth(width - left, (k) => col(width - 1 - k), threshold));
  return { left: left / width, top: top / height, right: right / width, bottom: bottom / height };
}
