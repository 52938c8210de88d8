import { isTypableField } from './field-typing.js';

/**
 * Opens the on-screen keyboard when the visitor touches a field, so a
 * touch-only visitor never has to find the "Bàn phím" button first. Fields
 * with a number pad of their own beside them (the OTP boxes) say so with
 * `data-own-keypad` and are left alone. `leave` is told when the focus goes
 * on to something that is not a field without a touch (a new wizard step
 * focusing its heading, the Tab key), never during a tap: closing the
 * keyboard under a finger would move the button it is pressing.
 */
export function openKeyboardOnFocus(opts: { enabled: () => boolean; open: () => void; leave: () => void; ignore: (el: Node) => boolean }): () => void {
  let pressing = false;
  const onTouch = (e: Event): void => {
    const el = e.target;
    if (!(el instanceof Element) || opts.ignore(el) || el.closest('[data-osk-toggle]')) return;
    if (!isTypableField(el)) {
      if (e.type === 'focusin' && !pressing) opts.leave();
      return;
    }
    if (!opts.enabled() || el.closest('[data-own-keypad]')) return;
    opts.open();
  };
  const press = (): void => {
    pressing = true;
  };
  const release = (): void => {
    pressing = false;
  };
  // A tap on the field that already has the focus (after "Đóng bàn phím") brings the keyboard back too.
  const listeners: [string, (e: Event) => void][] = [
    ['focusin', onTouch],
    ['click', onTouch],
    ['pointerdown', press],
    ['pointerup', release],
    ['pointercancel', release],
  ];
  for (const [type, fn] of listeners) document.addEventListener(type, fn, true);
  return () => {
    for (const [type, fn] of listeners) document.removeEventListener(type, fn, true);
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
