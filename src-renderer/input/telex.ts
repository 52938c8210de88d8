import { composeWith, SHAPE, TONE, type KeyAction, type ShapeRule } from './syllable.js';

/**
 * Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ, dd đ; tones s f r x j,
 * z takes the tone off. A key with nothing to act on is typed as is, and a
 * key repeated on its own mark undoes it (ass → as), as Unikey does.
 */
const circumflex = (base: string): KeyAction => ({ kind: 'shape', rules: [{ bases: [base], shape: SHAPE.circumflex }] });

/** w: ươ first, then ưa (mưa), ă (hoặc), ơ, ư. */
export const HORN_OR_BREVE: readonly ShapeRule[] = [
  { bases: ['u', 'o'], shape: SHAPE.horn },
  { bases: ['u', 'a'], shape: SHAPE.horn, marks: [0] },
  { bases: ['a'], shape: SHAPE.breve },
  { bases: ['o'], shape: SHAPE.horn },
  { bases: ['u'], shape: SHAPE.horn },
];

const TELEX: Readonly<Record<string, KeyAction>> = {
  s: { kind: 'tone', tone: TONE.acute },
  f: { kind: 'tone', tone: TONE.grave },
  r: { kind: 'tone', tone: TONE.hook },
  x: { kind: 'tone', tone: TONE.tilde },
  j: { kind: 'tone', tone: TONE.dot },
  z: { kind: 'tone', tone: '' },
  a: circumflex('a'),
  e: circumflex('e'),
  o: circumflex('o'),
  w: { kind: 'shape', rules: HORN_OR_BREVE },
  d: { kind: 'stroke' },
};

/** One Telex keystroke on the word before the caret; returns the word that replaces it. */
export function telexCompose(word: string, key: string): string {
  return composeWith(word, key, TELEX[key.toLowerCase()]);
}
