/** Reading the files a citizen picks (browser APIs only; the host checks the bytes again). */

/** The file's bytes as base64, as `attachments.add` takes them. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * Pages of a PDF, counted from its page objects: cheap and right for the
 * plain PDFs scanners and phones write. PDFs that hide pages in compressed
 * object streams give 0, and then no count is shown rather than a wrong one.
 */
export async function pdfPageCount(file: Blob): Promise<number | null> {
  const text = new TextDecoder('latin1').decode(await file.arrayBuffer());
  const n = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return n > 0 ? n : null;
}

export function formatFileSize(bytes: number, locale: string): string {
  const fmt = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${fmt.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${fmt.format(bytes / 1024)} KB`;
  return `${fmt.format(bytes / (1024 * 1024))} MB`;
}

/**
 * An <img> source for an SVG the host drew (captcha, VietQR): a data: URL
 * whatever form it came in (markup or already a data URI). The page's CSP
 * allows data: images, and an <img> never runs the SVG's scripts.
 */
export function svgImageSource(svg: string): string {
  if (svg.startsWith('data:image/svg+xml')) return svg;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
