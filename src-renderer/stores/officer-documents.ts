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
 * is set, its PDF for the kiosk's own viewer (DocumentOnScreen), open until
 * the officer closes it. Dropped when the screen goes, so nothing of the
 * citizen's outlives the screen.
 */
export function usePrintedDocument() {
  const document = ref<PrintedDocument | null>(null);
  const pdf = ref<string | null>(null);
  const viewing = ref(false);
  function show(d: PrintedDocument | null): void {
    document.value = d;
    pdf.value = d?.outcome === 'download' && d.pdfBase64 ? d.pdfBase64 : null;
    viewing.value = pdf.value !== null;
  }
  onBeforeUnmount(() => show(null));
  return { document, pdf, viewing, show };
}
