/**
 * Keyboard-wedge scanners "type" what they read: a burst of keystrokes far
 * faster than a person types, ending in Enter. This tells such a burst
 * apart from typing, hands the text over, and takes it back out of the
 * field that had the focus (a CCCD QR must not land in the password box).
 *
 * Letters outside US keys (the Vietnamese in a CCCD QR, sent by scanners as
 * Alt+keypad codes) reach the page as text input without a matching
 * keydown, so both streams are read.
 */
export interface WedgeScannerOptions {
  /** Average time per key of a scan; people need 80 ms and more, scanners under 20. */
  maxAverageMs?: number;
  /** A pause this long ends any burst. */
  maxGapMs?: number;
  /** Shortest text taken for a scan (a mã hồ sơ has 25 characters, a CCCD QR far more). */
  minLength?: number;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

export function listenForScans(onScan: (text: string) => void, opts: WedgeScannerOptions = {}): () => void {
  const maxAverage = opts.maxAverageMs ?? 45;
  const maxGap = opts.maxGapMs ?? 150;
  const minLength = opts.minLength ?? 20;
  let buffer = '';
  let start = 0;
  let last = 0;
  let lastKey: string | null = null;
  let field: { el: Field; before: string } | null = null;

  function reset(): void {
    buffer = '';
    field = null;
    lastKey = null;
  }

  function add(text: string, target: EventTarget | null, at: number): void {
    if (buffer && at - last > maxGap) reset();
    last = at;
    if (!buffer) start = at;
    if (!buffer) field = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? { el: target, before: target.value } : null;
    buffer += text;
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      const fast = e.timeStamp - last <= maxGap && (e.timeStamp - start) / Math.max(1, buffer.length) <= maxAverage;
      if (fast && buffer.length >= minLength) {
        e.preventDefault();
        e.stopPropagation();
        if (field) {
          field.el.value = field.before;
          // v-model listens for input: tell it the field is back to what the person had typed.
          field.el.dispatchEvent(new Event('input', { bubbles: true }));
        }
        const text = buffer;
        reset();
        onScan(text);
      } else reset();
      return;
    }
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey) return;
    add(e.key, e.target, e.timeStamp);
    lastKey = e.key;
  }

  function onBeforeInput(e: Event): void {
    const ie = e as InputEvent;
    if (ie.inputType !== 'insertText' || !ie.data) return;
    // The keydown already counted this character.
    if (lastKey === ie.data) {
      lastKey = null;
      return;
    }
    add(ie.data, ie.target, ie.timeStamp);
  }

  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('beforeinput', onBeforeInput, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('beforeinput', onBeforeInput, true);
  };
}
