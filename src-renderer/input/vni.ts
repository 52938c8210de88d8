import { composeWith, SHAPE, TONE, type KeyAction } from './syllable.js';

/**
 * VNI: tones 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 takes the tone off;
 * 6 â ê ô, 7 ơ ư (ươ), 8 ă, 9 đ. A digit with nothing to act on is typed as is.
 */
const VNI: Readonly<Record<string, KeyAction>> = {
  '1': { kind: 'tone', tone: TONE.acute },
  '2': { kind: 'tone', tone: TONE.grave },
  '3': { kind: 'tone', tone: TONE.hook },
  '4': { kind: 'tone', tone: TONE.tilde },
  '5': { kind: 'tone', tone: TONE.dot },
  '0': { kind: 'tone', tone: '' },
  '6': {
    kind: 'shape',
    rules: [
      { bases: ['a'], shape: SHAPE.circumflex },
      { bases: ['e'], shape: SHAPE.circumflex },
      { bases: ['o'], shape: SHAPE.circumflex },
    ],
  },
  '7': {
    kind: 'shape',
    rules: [
      { bases: ['u', 'o'], shape: SHAPE.horn },
      { bases: ['u', 'a'], shape: SHAPE.horn, marks: [0] },
      { bases: ['o'], shape: SHAPE.horn },
      { bases: ['u'], shape: SHAPE.horn },
    ],
  },
  '8': { kind: 'shape', rules: [{ bases: ['a'], shape: SHAPE.breve }] },
  '9': { kind: 'stroke' },
};

/** One VNI keystroke on the word before the caret; returns the word that replaces it. */
export function vniCompose(word: string, key: string): string {
  // A digit after no letters (a house number, a date) is just a digit.
  if (word === '') return key;
  return composeWith(word, key, VNI[key]);
}
