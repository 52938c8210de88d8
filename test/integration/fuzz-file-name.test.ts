import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, FALLBACK_FILE_NAME, MAX_FILE_NAME_LENGTH } from '../../src-shared/domain/file-name.js';
import { AttachmentRefSchema } from '../../src-shared/kiosk-api.js';

// What a hostile or careless name is made of: path pieces, controls, bidi and zero-width characters, markup, Vietnamese text.
const nastyPiece = fc.constantFrom(
  '../',
  '..\\',
  '/',
  '\\',
  '.',
  '..',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200f',
  '\u200b',
  '\ufeff',
  '\ud800',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '"',
  ':',
  '|',
  '?*',
  ' ',
  '\t',
  '\n',
  'Giấy khai sinh',
  'Căn cước',
  'e\u0301',
  '😀',
  "'; DROP TABLE applications; --",
  'gpj.exe',
);
const fileNameInput = fc.oneof(
  fc.array(fc.oneof(nastyPiece, fc.string({ maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ minLength: 190, maxLength: 1000 }),
);
const extension = fc.constantFrom('pdf', 'PDF', 'jpg', 'jpeg', 'png', 'docx');

const FORBIDDEN = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('cleanFileName (property-based)', () => {
  it('leaves no path, control, bidi or markup character, stays within the limit and is never empty', () => {
    fc.assert(
      fc.property(fileNameInput, (name) => {
        const clean = cleanFileName(name);
        expect(clean).not.toMatch(FORBIDDEN);
        expect(clean).not.toMatch(LONE_SURROGATE);
        expect(clean.length).toBeGreaterThan(0);
        expect(clean.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        expect(clean).not.toMatch(/^[.\s]/);
        expect(clean).toBe(clean.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the extension, however long or hostile the rest of the name', () => {
    fc.assert(
      fc.property(fileNameInput, extension, (stem, ext) => {
        const clean = cleanFileName(`${stem}.${ext}`);
        expect(clean.endsWith(`.${ext}`)).toBe(true);
        expect(clean.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent for a mark hidden behind a zero-width character (a CI counterexample class)', () => {
    const once = cleanFileName('e\u200b\u0301.pdf');
    expect(once).toBe('\u00e9.pdf');
    expect(cleanFileName(once)).toBe(once);
    // The extension is read after trailing dots go (CI counterexample "#..0.").
    expect(cleanFileName('#..0.')).toBe('#.0');
    expect(cleanFileName('#.0')).toBe('#.0');
  });

  it('is idempotent: a cleaned name is left as it is', () => {
    fc.assert(
      fc.property(fileNameInput, (name) => {
        const once = cleanFileName(name);
        expect(cleanFileName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('cleans the names the security probe stored', () => {
    expect(cleanFileName('../../../etc/x\u0000.pdf')).toBe('x.pdf');
    expect(cleanFileName('hoa-don\u202egpj.exe')).toBe('hoa-dongpj.exe');
    expect(cleanFileName('<img src=x onerror=alert(1)>.png')).toBe('img src=x onerror=alert(1).png');
    expect(cleanFileName('C:\\Users\\an\\Giấy khai sinh.pdf')).toBe('Giấy khai sinh.pdf');
    expect(cleanFileName('..')).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName('.pdf')).toBe(`${FALLBACK_FILE_NAME}.pdf`);
    expect(cleanFileName(undefined)).toBe(FALLBACK_FILE_NAME);
    expect(cleanFileName(`${'a'.repeat(500)}.pdf`)).toBe(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`);
    // Vietnamese typed in decomposed form is stored composed.
    expect(cleanFileName('Ca\u0306n cu\u031bo\u031b\u0301c.jpg')).toBe('Căn cước.jpg');
  });

  it('cleans the name in every attachment reference the kiosk contract takes in, not only in attachments.add', () => {
    const ref = { componentId: 'to-khai', mime: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    expect(AttachmentRefSchema.parse({ ...ref, fileName: '../../../etc/x\u0000.pdf' }).fileName).toBe('x.pdf');
    expect(AttachmentRefSchema.parse({ ...ref, fileName: 'Giấy khai sinh.pdf' }).fileName).toBe('Giấy khai sinh.pdf');
  });
});
