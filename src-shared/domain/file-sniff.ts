/**
 * Attachment types the kiosk and the portal accept, told apart by their first bytes: a
 * file's name and the browser's Content-Type are whatever the sender says.
 */
export type AttachmentMime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 8;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

export function sniffAttachmentMime(head: Uint8Array): AttachmentMime | null {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  return null;
}

export type ImageKind = 'png' | 'jpeg';

/** The page-image kinds (paper capture, images joined into a PDF): the two image types above. */
export function sniffImageKind(head: Uint8Array): ImageKind | null {
  const mime = sniffAttachmentMime(head);
  return mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpeg' : null;
}
