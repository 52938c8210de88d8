import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOKUP_BASE, lookupUrlFor, parseLookupQr } from '../../src-shared/domain/lookup-url.js';
import { QR_QUIET_ZONE } from '../../src-main/documents/qr-code.js';
import { vietQrSvg } from '../../src-main/documents/vietqr-image.js';
import { CODE, VIETQR } from './documents-fixtures.js';

// jsqr is CommonJS with an ES-style default export: under NodeNext its default import is the module object.
const jsQR = jsQRModule.default;

describe('lookup URL of a receipt', () => {
  it('puts the mã hồ sơ in the query of the configured address', () => {
    expect(lookupUrlFor(CODE)).toBe(`${DEFAULT_LOOKUP_BASE}?ma=${CODE}`);
    expect(lookupUrlFor(` ${CODE.toLowerCase()} `, 'https://dvc.example.vn/hs/tra-cuu?lang=vi')).toBe(`https://dvc.example.vn/hs/tra-cuu?lang=vi&ma=${CODE}`);
    expect(() => lookupUrlFor('000.00.53.H48-261328-0001')).toThrow(/Mã hồ sơ không đúng định dạng/);
    expect(() => lookupUrlFor(CODE, 'ftp://x')).toThrow(/http/);
  });

  it('recognises a scanned receipt QR, and nothing else', () => {
    expect(parseLookupQr(lookupUrlFor(CODE))).toBe(CODE);
    expect(parseLookupQr(`  ${CODE.toLowerCase()}\r\n`)).toBe(CODE);
    expect(parseLookupQr(lookupUrlFor(CODE, 'https://other.example/tra-cuu'))).toBe(CODE);
    expect(parseLookupQr(lookupUrlFor(CODE, 'https://other.example/tra-cuu'), { bases: [DEFAULT_LOOKUP_BASE] })).toBeNull();
    expect(parseLookupQr(lookupUrlFor(CODE), { bases: [`${DEFAULT_LOOKUP_BASE}/`] })).toBe(CODE);
    // A CCCD, a VietQR payload, a page without a code, a code twice, a bad date.
    expect(parseLookupQr('001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phường Bến Nghé|15042021')).toBeNull();
    expect(parseLookupQr(VIETQR)).toBeNull();
    expect(parseLookupQr(DEFAULT_LOOKUP_BASE)).toBeNull();
    expect(parseLookupQr(`${DEFAULT_LOOKUP_BASE}?ma=${CODE}&ma=${CODE}`)).toBeNull();
    expect(parseLookupQr(`${DEFAULT_LOOKUP_BASE}?ma=000.00.53.H48-260230-0001`)).toBeNull();
    expect(parseLookupQr('javascript:alert(1)')).toBeNull();
  });
});

/** Rasterises the SVG this module writes (one path of "M x y h w v1 h-w z" runs) to decode it with jsQR. */
function rasterise(svg: string, scale: number): { data: Uint8ClampedArray; size: number } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const modules = Number(viewBox?.[1]);
  const size = modules * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) {
        const i = (py * size + px) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, size };
}

describe('VietQR as SVG for the screen', () => {
  it('is a standalone crisp SVG that decodes back to the payload', () => {
    const svg = vietQrSvg(VIETQR, { pixels: 240 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('shape-rendering="crispEdges"');
    expect(svg).toContain('width="240"');
    expect(svg).toContain('<title>Mã VietQR chuyển khoản 20000 đồng</title>');
    const { data, size } = rasterise(svg, 6);
    // The quiet zone is there: the first rows are white.
    expect(data.subarray(0, QR_QUIET_ZONE * 6 * size * 4).every((v) => v === 255)).toBe(true);
    expect(jsQR(data, size, size)?.data).toBe(VIETQR);
  });

  it('refuses a payload whose CRC does not match', () => {
    const broken = VIETQR.slice(0, -4) + (VIETQR.endsWith('0000') ? '1111' : '0000');
    expect(() => vietQrSvg(broken)).toThrow(expect.objectContaining({ code: 'INVALID_DOCUMENT_DATA' }));
  });
});
