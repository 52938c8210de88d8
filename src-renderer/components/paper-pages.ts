/**
 * The pages of one paper document while the citizen prepares them: each
 * keeps its original picture, an optional sharpened copy, its turn and its
 * cut. The dialog owns the list; this module knows what a page is and which
 * picture of it goes to the host.
 */

import { PAPER_LIMITS, type PaperRotation } from '../../src-shared/paper-limits.js';
import { cropPage, cropToSource, enhancePage, sniffPageImage, type CropRect } from './paper-images.js';

export interface PaperPage {
  key: number;
  name: string;
  original: Blob;
  originalUrl: string;
  sharpened: Blob | null;
  sharpenedUrl: string | null;
  enhanced: boolean;
  rotate: PaperRotation;
  cropped: boolean;
}

/** A problem with the pages, as an i18n key under `paper.errors` and its parameters. */
export interface PagesProblem {
  key: 'noPages' | 'tooMany' | 'tooLarge' | 'totalTooLarge';
  n?: number;
}

export const MB = 1024 * 1024;

export function newPage(key: number, blob: Blob, name: string): PaperPage {
  return { key, name, original: blob, originalUrl: URL.createObjectURL(blob), sharpened: null, sharpenedUrl: null, enhanced: false, rotate: 0, cropped: false };
}

export const blobOf = (p: PaperPage): Blob => (p.enhanced && p.sharpened ? p.sharpened : p.original);
export const urlOf = (p: PaperPage): string => (p.enhanced && p.sharpenedUrl ? p.sharpenedUrl : p.originalUrl);

/** The same limits as the host's refusal, checked before anything is sent. */
export function pagesProblem(list: readonly Blob[]): PagesProblem | null {
  if (list.length === 0) return { key: 'noPages' };
  if (list.length > PAPER_LIMITS.maxPages) return { key: 'tooMany', n: PAPER_LIMITS.maxPages };
  if (list.some((b) => b.size > PAPER_LIMITS.maxBytesPerImage)) return { key: 'tooLarge', n: PAPER_LIMITS.maxBytesPerImage / MB };
  if (list.reduce((s, b) => s + b.size, 0) > PAPER_LIMITS.maxTotalBytes) return { key: 'totalTooLarge', n: PAPER_LIMITS.maxTotalBytes / MB };
  return null;
}

export function revokePage(p: PaperPage): void {
  URL.revokeObjectURL(p.originalUrl);
  if (p.sharpenedUrl) URL.revokeObjectURL(p.sharpenedUrl);
}

export function rotatePage(p: PaperPage): void {
  p.rotate = ((p.rotate + 90) % 360) as PaperRotation;
}

/** Makes the page's sharpened copy, if it has none yet. */
export async function sharpen(p: PaperPage): Promise<void> {
  if (p.sharpened) return;
  const sharp = await enhancePage(p.original);
  p.sharpened = sharp;
  p.sharpenedUrl = URL.createObjectURL(sharp);
}

/**
 * The cut is drawn on the page as shown; it is applied to the stored,
 * unturned picture (and to its sharpened copy), so the page keeps its
 * turn and its "Tăng độ nét" as before.
 */
export async function cutPage(p: PaperPage, shownRect: CropRect): Promise<void> {
  const source = cropToSource(shownRect, p.rotate);
  const original = await cropPage(p.original, source, (await sniffPageImage(p.original)) ?? 'jpeg');
  const sharpened = p.sharpened ? await cropPage(p.sharpened, source, 'jpeg') : null;
  revokePage(p);
  p.original = original;
  p.originalUrl = URL.createObjectURL(original);
  p.sharpened = sharpened;
  p.sharpenedUrl = sharpened ? URL.createObjectURL(sharpened) : null;
  p.cropped = true;
}

/** Swaps a page with its neighbour above (-1) or below (1). */
export function movePage(list: PaperPage[], index: number, by: -1 | 1): void {
  const other = index + by;
  const a = list[index];
  const b = list[other];
  if (!a || !b) return;
  list.splice(Math.min(index, other), 2, ...(by === 1 ? [b, a] : [a, b]));
}
