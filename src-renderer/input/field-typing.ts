import { composerFor, trailingWord, type InputMethod } from './input-method.js';

/** A field the on-screen keyboard can type into. */
export type TypableField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_TYPES = new Set(['text', 'search', 'password', 'email', 'tel', 'url', '']);

export function isTypableField(el: EventTarget | null): el is TypableField {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && TEXT_TYPES.has(el.type) && !el.readOnly && !el.disabled;
}

/** Numbers only: CCCD, OTP digits, phone numbers (the numeric keypad is shown for these). */
export function isNumericField(el: TypableField): boolean {
  return el.inputMode === 'numeric' || el.inputMode === 'decimal' || el.inputMode === 'tel' || (el instanceof HTMLInputElement && el.type === 'tel');
}

/** Passwords, e-mail, web addresses and numbers are typed as is, never composed into Vietnamese. */
function methodFor(el: TypableField, method: InputMethod): InputMethod {
  if (el instanceof HTMLInputElement && ['password', 'email', 'url'].includes(el.type)) return 'off';
  if (['email', 'url', 'numeric', 'decimal', 'tel'].includes(el.inputMode) || isNumericField(el)) return 'off';
  if (el.dataset.compose === 'off') return 'off';
  return method;
}

function selection(el: TypableField): { start: number; end: number } {
  // type=email has no selection API: type at the end.
  try {
    const start = el.selectionStart ?? el.value.length;
    return { start, end: el.selectionEnd ?? start };
  } catch {
    return { start: el.value.length, end: el.value.length };
  }
}

function commit(el: TypableField, value: string, caret: number): void {
  if (el.maxLength > 0 && value.length > el.maxLength) return;
  el.value = value;
  try {
    el.setSelectionRange(caret, caret);
  } catch {
    // no selection API on this input type
  }
  // Tell v-model (and anything else listening) as a real keystroke would.
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Types one key at the caret, composing Vietnamese by the chosen method. */
export function typeKey(el: TypableField, key: string, method: InputMethod): void {
  if (isNumericField(el) && !/^\d$/.test(key)) return;
  const { start, end } = selection(el);
  const before = el.value.slice(0, start);
  const after = el.value.slice(end);
  const word = start === end ? trailingWord(before) : '';
  const head = before.slice(0, before.length - word.length) + composerFor(methodFor(el, method))(word, key);
  commit(el, head + after, head.length);
}

/** Deletes the selection, or the letter before the caret. */
export function backspace(el: TypableField): void {
  const { start, end } = selection(el);
  if (start !== end) {
    commit(el, el.value.slice(0, start) + el.value.slice(end), start);
    return;
  }
  if (start === 0) return;
  const before = [...el.value.slice(0, start)];
  before.pop();
  const head = before.join('');
  commit(el, head + el.value.slice(end), head.length);
}
