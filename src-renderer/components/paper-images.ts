/**
 * Pictures of paper pages in the browser: what a file really is, a frame
 * from the camera, and "Tăng độ nét" (grey, with its contrast stretched so
 * faint print on grey paper reads as black on white), and "Cắt" (the crop
 * view's picture, and the page re-encoded at its cut). Browser APIs only;
 * the host checks every byte again.
 */

import { autoCropBounds, cropPixels, type CropRect } from './paper-crop.js';
import { SNIFF_BYTES, sniffImageKind, type ImageKind } from '../../src-shared/domain/file-sniff.js';

export * from './paper-crop.js';

export type PageImageKind = ImageKind;

/** The image type by its first bytes (the name and the browser's type can lie). */
export async function sniffPageImage(blob: Blob): Promise<PageImageKind | null> {
  return sniffImageKind(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
}

function canvasBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), type, quality));
}

/** The camera's current frame as a JPEG, at the camera's full resolution. */
export async function captureFrame(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0) throw new Error('no camera frame');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas, 'image/jpeg', 0.9);
}

/**
 * Grey levels stretched between the 1st and 99th percentile of the page's
 * brightness: a page of dark grey text on light grey paper comes out black
 * on white, while a few specks at either end cannot stop the stretch.
 */
export function stretchContrast(rgba: Uint8ClampedArray): void {
  const pixels = rgba.length / 4;
  const grey = new Uint8Array(pixels);
  const histogram = new Uint32Array(256);
  for (let p = 0; p < pixels; p++) {
    const i = p * 4;
    const y = Math.round(0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0));
    grey[p] = y;
    histogram[y] = (histogram[y] ?? 0) + 1;
  }
  const cut = Math.floor(pixels * 0.01);
  let low = 0;
  for (let seen = 0; low < 255 && seen + (histogram[low] ?? 0) <= cut; low++) seen += histogram[low] ?? 0;
  let high = 255;
  for (let seen = 0; high > 0 && seen + (histogram[high] ?? 0) <= cut; high--) seen += histogram[high] ?? 0;
  const span = Math.max(1, high - low);
  for (let p = 0; p < pixels; p++) {
    const v = Math.min(255, Math.max(0, Math.round((((grey[p] ?? 0) - low) * 255) / span)));
    const i = p * 4;
    rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
  }
}

/** The page greyed and contrast-stretched, as a JPEG (grey pages compress well). */
export async function enhancePage(blob: Blob): Promise<Blob> {
  // createImageBitmap applies a JPEG's EXIF orientation, as the host and <img> do.
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
    stretchContrast(data.data);
    ctx.putImageData(data, 0, 0);
    return await canvasBlob(canvas, 'image/jpeg', 0.9);
  } finally {
    bitmap.close();
  }
}

/**
 * A canvas with the picture drawn turned `rotate` degrees clockwise, its
 * longer side at most `maxSide` pixels (exactly `maxSide` when `enlarge`,
 * so a small picture still fills the crop view with room to aim a finger).
 */
function drawShown(bitmap: ImageBitmap, rotate: 0 | 90 | 180 | 270, maxSide: number, enlarge = false): HTMLCanvasElement {
  const fit = maxSide / Math.max(bitmap.width, bitmap.height);
  const scale = enlarge ? fit : Math.min(1, fit);
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const quarter = rotate === 90 || rotate === 270;
  const canvas = document.createElement('canvas');
  canvas.width = quarter ? h : w;
  canvas.height = quarter ? w : h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d canvas');
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((rotate * Math.PI) / 180);
  ctx.drawImage(bitmap, -w / 2, -h / 2, w, h);
  return canvas;
}

/** Longest side of the picture the auto-crop scans: margins are wide, so a small copy finds them as well and fast. */
const AUTO_CROP_SIDE = 400;

/**
 * The page as the citizen sees it (turned) for the crop view, as a JPEG
 * `maxSide` pixels on its longer side, and the auto-crop found on a small copy of it.
 */
export async function preparePageCrop(blob: Blob, rotate: 0 | 90 | 180 | 270, maxSide = 1200): Promise<{ shown: Blob; auto: CropRect }> {
  const bitmap = await createImageBitmap(blob);
  try {
    const shown = await canvasBlob(drawShown(bitmap, rotate, maxSide, true), 'image/jpeg', 0.9);
    const small = drawShown(bitmap, rotate, AUTO_CROP_SIDE);
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    return { shown, auto: autoCropBounds(ctx.getImageData(0, 0, small.width, small.height)) };
  } finally {
    bitmap.close();
  }
}

/**
 * The stored (unturned) picture cut to `source` (fractions of it, see
 * cropToSource), re-encoded at the cut size in its own format: a PNG
 * stays lossless, a photo stays a JPEG.
 */
export async function cropPage(blob: Blob, source: CropRect, kind: PageImageKind): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  try {
    const px = cropPixels(source, bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = px.width;
    canvas.height = px.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(bitmap, px.x, px.y, px.width, px.height, 0, 0, px.width, px.height);
    return await canvasBlob(canvas, kind === 'png' ? 'image/png' : 'image/jpeg', 0.92);
  } finally {
    bitmap.close();
  }
}
