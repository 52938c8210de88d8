/**
 * Paper documents (pages from the kiosk camera or imported images, joined
 * into one PDF per document component). The UI checks these before
 * sending, so the citizen hears about a too-large page at once; the host
 * enforces them again, since the UI is not to be trusted.
 */
const MB = 1024 * 1024;

export const PAPER_LIMITS = {
  maxBytesPerImage: 10 * MB,
  maxTotalBytes: 30 * MB,
  maxPages: 20,
} as const;

/** Clockwise quarter turns the citizen may give a page ("Xoay"). */
export const PAPER_ROTATIONS = [0, 90, 180, 270] as const;
export type PaperRotation = (typeof PAPER_ROTATIONS)[number];

/** Largest base64 text of `bytes` bytes (4 characters per 3 bytes, padded). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}
