import { onBeforeUnmount, ref } from 'vue';
import type { PrintedDocument } from '../../src-shared/kiosk-api.js';

/** Bytes sent by the host as base64. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Bytes sent by the host as base64, as an object URL the page can show or offer to save. */
export function objectUrlOf(base64: string, type: string): string {
  return URL.createObjectURL(new Blob([bytesOf(base64)], { type }));
}

/**
 * The slip an officer's action produced: its message, and where no printer
 * is set, a link to the PDF. The URL is revoked when replaced or when the
 * screen goes, so nothing of the citizen's outlives the screen.
 */
export function usePrintedDocument() {
  const document = ref<PrintedDocument | null>(null);
  const url = ref<string | null>(null);
  function show(d: PrintedDocument | null): void {
    if (url.value) URL.revokeObjectURL(url.value);
    document.value = d;
    url.value = d?.outcome === 'download' && d.pdfBase64 ? objectUrlOf(d.pdfBase64, 'application/pdf') : null;
  }
  onBeforeUnmount(() => show(null));
  return { document, url, show };
}
