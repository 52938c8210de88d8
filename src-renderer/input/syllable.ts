/**
 * The letter model behind Telex and VNI typing: a Vietnamese letter is a
 * base (a, e, o, u, d…), an optional shape (circumflex â ê ô, breve ă, horn
 * ơ ư, or the stroke of đ) and an optional tone. Composing edits these
 * parts and re-renders the word in NFC, so what reaches the form is the
 * same text a physical Vietnamese keyboard would give.
 */

export const TONE = {
  acute: '\u0301', // sắc
  grave: '\u0300', // huyền
  hook: '\u0309', // hỏi
  tilde: '\u0303', // ngã
  dot: '\u0323', // nặng
} as const;
export type Tone = (typeof TONE)[keyof typeof TONE] | '';

export const SHAPE = { circumflex: '\u0302', breve: '\u0306', horn: '\u031B' } as const;
export type Shape = (typeof SHAPE)[keyof typeof SHAPE] | '';

const TONES: ReadonlySet<string> = new Set(Object.values(TONE));
const SHAPES: ReadonlySet<string> = new Set(Object.values(SHAPE));
const VOWELS: ReadonlySet<string> = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

export interface Letter {
  /** Lower-case base letter: a…z, or đ; any other character is kept whole here. */
  base: string;
  shape: Shape;
  tone: Tone;
  upper: boolean;
}

function parseChar(c: string): Letter {
  const lower = c.toLowerCase();
  const upper = c !== lower;
  if (lower === 'đ') return { base: 'đ', shape: '', tone: '', upper };
  const parts = [...lower.normalize('NFD')];
  const marks = parts.slice(1);
  // A letter with marks Vietnamese does not use (ç, ñ…) is left as it is.
  if (parts.length === 0 || !/^[a-z]$/.test(parts[0] ?? '') || marks.some((m) => !TONES.has(m) && !SHAPES.has(m))) {
    return { base: lower, shape: '', tone: '', upper };
  }
  return {
    base: parts[0] ?? lower,
    shape: (marks.find((m) => SHAPES.has(m)) ?? '') as Shape,
    tone: (marks.find((m) => TONES.has(m)) ?? '') as Tone,
    upper,
  };
}

export function toLetters(word: string): Letter[] {
  return [...word.normalize('NFC')].map(parseChar);
}

export function render(letters: readonly Letter[]): string {
  return letters
    .map((l) => {
      const s = (l.base + l.shape + l.tone).normalize('NFC');
      return l.upper ? s.toUpperCase() : s;
    })
    .join('');
}

export function isVowel(l: Letter): boolean {
  return VOWELS.has(l.base);
}

/** Indices [start, end) of the word's last vowel group, without the u of "qu" and the i of "gi". */
export interface Nucleus {
  start: number;
  end: number;
  /** Where a tone may already sit: the nucleus plus the u/i that belongs to qu/gi. */
  toneFrom: number;
}

export function nucleus(letters: readonly Letter[]): Nucleus | null {
  let end = -1;
  for (let i = letters.length - 1; i >= 0; i--) {
    if (isVowel(letters[i] as Letter)) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) return null;
  let start = end - 1;
  while (start > 0 && isVowel(letters[start - 1] as Letter)) start--;
  const toneFrom = start;
  const first = letters[start] as Letter;
  const before = letters[start - 1];
  // In "qu…" and "gi…" (followed by another vowel) the u / i is part of the consonant.
  if (end - start > 1 && before && first.shape === '' && ((before.base === 'q' && first.base === 'u') || (before.base === 'g' && first.base === 'i'))) {
    start++;
  }
  return { start, end, toneFrom };
}

/**
 * Where the tone goes, by the modern rules (Quy tắc đặt dấu thanh kiểu mới):
 * on the vowel with a shape (ơ of ươ); a final consonant pulls it to the last
 * vowel; open oa / oe / uy take it on the second vowel (hoà, thuỷ), other open
 * pairs on the first (ngãi, của), open triples in the middle (ngoài, khuỷu).
 */
export function toneIndex(letters: readonly Letter[], n: Nucleus): number {
  let shaped = -1;
  for (let i = n.start; i < n.end; i++) if ((letters[i] as Letter).shape !== '') shaped = i;
  if (shaped >= 0) return shaped;
  const size = n.end - n.start;
  if (size === 1) return n.start;
  if (n.end < letters.length) return n.end - 1;
  if (size >= 3) return n.start + 1;
  const pair = (letters[n.start] as Letter).base + (letters[n.start + 1] as Letter).base;
  return pair === 'oa' || pair === 'oe' || pair === 'uy' ? n.start + 1 : n.start;
}

function tonedIndex(letters: readonly Letter[], n: Nucleus): number {
  for (let i = n.toneFrom; i < n.end; i++) if ((letters[i] as Letter).tone !== '') return i;
  return -1;
}

/** Moves the tone of the last syllable to where the rules put it (after any keystroke). */
export function placeTone(letters: Letter[]): void {
  const n = nucleus(letters);
  if (!n) return;
  const at = tonedIndex(letters, n);
  if (at < 0) return;
  const tone = (letters[at] as Letter).tone;
  (letters[at] as Letter).tone = '';
  (letters[toneIndex(letters, n)] as Letter).tone = tone;
}

export type Outcome = 'applied' | 'undone' | 'none';

/** Sets a tone; the same tone again takes it off (and the key is then typed as a letter). */
export function applyTone(letters: Letter[], tone: Tone): Outcome {
  const n = nucleus(letters);
  if (!n) return 'none';
  const at = tonedIndex(letters, n);
  if (at >= 0) {
    const had = (letters[at] as Letter).tone;
    (letters[at] as Letter).tone = '';
    if (had === tone) return 'undone';
  }
  if (tone === '') return at >= 0 ? 'applied' : 'none';
  (letters[toneIndex(letters, n)] as Letter).tone = tone;
  return 'applied';
}

/** One way a shape key can act: which base letters (adjacent, in order) get which shape. */
export interface ShapeRule {
  bases: readonly string[];
  shape: Exclude<Shape, ''>;
  /** Which of `bases` take the shape (default: all), e.g. only the u of "ua" → "ưa". */
  marks?: readonly number[];
}

/**
 * Applies the first rule whose letters are in the last vowel group (the last
 * such place in it). If they already have that shape the key undoes it.
 */
export function applyShape(letters: Letter[], rules: readonly ShapeRule[]): Outcome {
  const n = nucleus(letters);
  if (!n) return 'none';
  for (const rule of rules) {
    for (let i = n.end - rule.bases.length; i >= n.start; i--) {
      const group = rule.bases.map((_b, k) => letters[i + k] as Letter);
      if (!group.every((l, k) => l.base === rule.bases[k])) continue;
      const marked = rule.marks ? rule.marks.map((k) => group[k] as Letter) : group;
      const done = marked.every((l) => l.shape === rule.shape);
      for (const l of marked) l.shape = done ? '' : rule.shape;
      return done ? 'undone' : 'applied';
    }
  }
  return 'none';
}

/** dd / d9 → đ on the word's first letter; again → back to d. */
export function applyStroke(letters: Letter[]): Outcome {
  const first = letters[0];
  if (!first) return 'none';
  if (first.base === 'd') {
    first.base = 'đ';
    return 'applied';
  }
  if (first.base === 'đ') {
    first.base = 'd';
    return 'undone';
  }
  return 'none';
}

/** What one key does to the word before the caret. */
export type KeyAction = { kind: 'tone'; tone: Tone } | { kind: 'shape'; rules: readonly ShapeRule[] } | { kind: 'stroke' };

/**
 * Composes one keystroke: the key's action on the word, or the key typed
 * as is when it has nothing to act on (or undid its own mark), then the
 * tone moved to its place.
 */
export function composeWith(word: string, key: string, action: KeyAction | undefined): string {
  const letters = toLetters(word);
  let outcome: Outcome = 'none';
  if (action?.kind === 'tone') outcome = applyTone(letters, action.tone);
  else if (action?.kind === 'shape') outcome = applyShape(letters, action.rules);
  else if (action?.kind === 'stroke') outcome = applyStroke(letters);
  if (outcome !== 'applied') letters.push(...toLetters(key));
  placeTone(letters);
  return render(letters);
}

/** The letters right before the caret that a composing key acts on. */
export function trailingWord(text: string): string {
  return /[\p{L}\p{M}]+$/u.exec(text)?.[0] ?? '';
}

export type Composer = (word: string, key: string) => string;

/** Types a whole key sequence (for tests and for pasting typed text through a method). */
export function typeKeys(keys: string, compose: Composer): string {
  let out = '';
  for (const key of keys) {
    const word = trailingWord(out);
    out = out.slice(0, out.length - word.length) + compose(word, key);
  }
  return out.normalize('NFC');
}
