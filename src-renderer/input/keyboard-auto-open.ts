import { isTypableField } from './field-typing.js';

/**
 * Opens the on-screen keyboard when the visitor touches a field, so a
 * touch-only visitor never has to find the "Bàn phím" button first. Fields
 * with a number pad of their own beside them (the OTP boxes) say so with
 * `data-own-keypad` and are left alone.
 */
export function openKeyboardOnFocus(opts: { enabled: () => boolean; open: () => void; ignore: (el: Node) => boolean }): () => void {
  const onTouch = (e: Event): void => {
    const el = e.target;
    if (!opts.enabled() || !isTypableField(el) || opts.ignore(el)) return;
    if (el.closest('[data-own-keypad]')) return;
    opts.open();
  };
  // A tap on the field that already has the focus (after "Đóng bàn phím") brings the keyboard back too.
  document.addEventListener('focusin', onTouch);
  document.addEventListener('click', onTouch);
  return () => {
    document.removeEventListener('focusin', onTouch);
    document.removeEventListener('click', onTouch);
  };
}

/**
 * Scrolls so that `field` sits above the keyboard whose top edge is at
 * `keyboardTop` (viewport pixels), with a little air between them.
 */
export function keepAboveKeyboard(field: Element, keyboardTop: number, air = 16): void {
  const box = field.getBoundingClientRect();
  if (box.bottom + air > keyboardTop) window.scrollBy({ top: box.bottom + air - keyboardTop, behavior: 'instant' });
  else if (box.top < 0) window.scrollBy({ top: box.top - air, behavior: 'instant' });
}
