import { shallowRef } from 'vue';
import { isTypableField, type TypableField } from './field-typing.js';

/**
 * The text field the visitor touched last. The on-screen keyboard types
 * into it even after the focus moved to the keyboard's own toggle button.
 */
export const lastField = shallowRef<TypableField | null>(null);

let installed = false;

/** Starts watching focus, once per page. `ignore` tells elements of the keyboard itself. */
export function trackTextFields(ignore: (el: Node) => boolean): void {
  if (installed) return;
  installed = true;
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    if (el instanceof Node && ignore(el)) return;
    if (isTypableField(el)) lastField.value = el;
  });
}

/** The field if it is still on screen (a route change may have removed it). */
export function currentField(): TypableField | null {
  const el = lastField.value;
  if (el && el.isConnected) return el;
  lastField.value = null;
  return null;
}
