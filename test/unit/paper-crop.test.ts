import { describe, expect, it } from 'vitest';
import { autoCropBounds, cropPixels, cropToSource, FULL_CROP, isFullCrop, MIN_CROP_SIDE, moveCropCorner, type CropRect, type PixelImage } from '../../src-renderer/components/paper-crop.js';

/** An RGBA picture of one background grey, with a rectangle painted by `paint` (null = leave the background). */
function picture(width: number, height: number, background: number, paint: (x: number, y: number) => number | null): PixelImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = paint(x, y) ?? background;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Deterministic noise in [-amp, amp], as a sensor or JPEG leaves on a blank margin. */
function noise(x: number, y: number, amp: number): number {
  return (((x * 7919 + y * 104729) % 17) / 16) * 2 * amp - amp;
}

const close = (a: CropRect, b: CropRect, digits = 6): void => {
  for (const k of ['left', 'top', 'right', 'bottom'] as const) expect(a[k], k).toBeCloseTo(b[k], digits);
};

describe('autoCropBounds ("Tự động cắt lề")', () => {
  it('trims a white margin down to a solid dark block, including columns through the block', () => {
    // 200×100, block at x 50..129, y 20..59.
    const img = picture(200, 100, 250, (x, y) => (x >= 50 && x < 130 && y >= 20 && y < 60 ? 20 : null));
    close(autoCropBounds(img), { left: 50 / 200, top: 20 / 100, right: 130 / 200, bottom: 60 / 100 });
  });

  it('ignores noise in the margin but stops at a line of print', () => {
    const img = picture(120, 80, 235, (x, y) => {
      if (y >= 30 && y < 34 && x >= 10 && x < 100) return x % 3 === 0 || x === 10 || x === 99 ? 30 : 230; // a line of "text", inked at both ends
      return 235 + noise(x, y, 6);
    });
    close(autoCropBounds(img), { left: 10 / 120, top: 30 / 80, right: 100 / 120, bottom: 34 / 80 });
  });

  it('keeps the whole page when there is nothing on it, or nothing to trim', () => {
    expect(autoCropBounds(picture(50, 40, 255, () => null))).toEqual(FULL_CROP);
    const full = picture(40, 30, 0, (x, y) => ((x + y) % 2 ? 255 : 0));
    expect(autoCropBounds(full)).toEqual(FULL_CROP);
  });

  it('a stricter threshold keeps a faint margin gradient; the default trims it', () => {
    const img = picture(100, 100, 240, (x, y) => (x >= 40 && x < 60 && y >= 40 && y < 60 ? 0 : 240 + noise(x, y, 10)));
    close(autoCropBounds(img), { left: 0.4, top: 0.4, right: 0.6, bottom: 0.6 });
    expect(autoCropBounds(img, 1)).toEqual(FULL_CROP);
  });
});

describe('crop geometry', () => {
  it('moves one corner, staying inside the page and no smaller than the minimum', () => {
    const r = moveCropCorner(FULL_CROP, 'topLeft', 0.2, 0.1);
    close(r, { left: 0.2, top: 0.1, right: 1, bottom: 1 });
    close(moveCropCorner(r, 'bottomRight', 0.5, 0.5), { left: 0.2, top: 0.1, right: 1, bottom: 1 });
    close(moveCropCorner(r, 'topRight', -0.9, -0.5), { left: 0.2, top: 0, right: 0.2 + MIN_CROP_SIDE, bottom: 1 });
    close(moveCropCorner(r, 'bottomLeft', 2, 0), { left: 1 - MIN_CROP_SIDE, top: 0.1, right: 1, bottom: 1 });
    expect(isFullCrop(FULL_CROP)).toBe(true);
    expect(isFullCrop(r)).toBe(false);
  });

  it('maps a crop on the turned page back to the unturned picture', () => {
    // The top-left quarter-strip as shown: the left 30 % and top 20 %.
    const shown = { left: 0, top: 0, right: 0.3, bottom: 0.2 };
    close(cropToSource(shown, 0), shown);
    // Turned 90° clockwise, the shown top-left came from the picture's bottom-left.
    close(cropToSource(shown, 90), { left: 0, top: 0.7, right: 0.2, bottom: 1 });
    close(cropToSource(shown, 180), { left: 0.7, top: 0.8, right: 1, bottom: 1 });
    close(cropToSource(shown, 270), { left: 0.8, top: 0, right: 1, bottom: 0.3 });
  });

  it('turns fractions into whole pixels, never an empty picture', () => {
    expect(cropPixels({ left: 0.25, top: 0.5, right: 0.75, bottom: 1 }, 200, 100)).toEqual({ x: 50, y: 50, width: 100, height: 50 });
    expect(cropPixels({ left: 1, top: 1, right: 1, bottom: 1 }, 10, 10)).toEqual({ x: 9, y: 9, width: 1, height: 1 });
  });
});
