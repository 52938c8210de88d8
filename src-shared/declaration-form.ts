import type { DocumentComponent } from './catalogue.js';

/**
 * The procedure's declaration form (tờ khai, đơn/giấy đề nghị): the one
 * document a business may sign with its token at the kiosk instead of
 * bringing a signed paper. The host and the wizard pick it by the same
 * rule, so the button appears exactly where the host will accept it.
 */

const DECLARATION_NAME = /^(Tờ khai|Giấy đề nghị|Đơn đề nghị)/iu;

export function declarationComponent<D extends Pick<DocumentComponent, 'id' | 'name' | 'template'>>(documents: readonly D[]): D | null {
  return documents.find((d) => d.template) ?? documents.find((d) => DECLARATION_NAME.test(d.name.normalize('NFC'))) ?? null;
}

/** Name of the signed declaration as attached to the application. */
export const SIGNED_DECLARATION_FILE_NAME = 'to-khai-da-ky-so.pdf';
