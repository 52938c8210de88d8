import { describe, expect, it } from 'vitest';
import { vietnameseNumberWords } from '../../src-shared/domain/vn-number-words.js';
import voiceWords from '../../resources/queue/voice-words.json' with { type: 'json' };

const read = (n: number): string => vietnameseNumberWords(n).map((id) => (voiceWords.words as Record<string, string>)[id]).join(' ');

describe('Vietnamese number reading for hall announcements', () => {
  it.each([
    [0, 'không'],
    [3, 'ba'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [99, 'chín mươi chín'],
    [100, 'một trăm'],
    [105, 'một trăm linh năm'],
    [115, 'một trăm mười lăm'],
    [241, 'hai trăm bốn mươi mốt'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [2345, 'hai nghìn ba trăm bốn mươi lăm'],
  ])('%i is read "%s", every word a clip of voice-words.json', (n, words) => {
    expect(read(n)).toBe(words);
  });

  it('refuses what a ticket or counter number cannot be', () => {
    expect(() => vietnameseNumberWords(-1)).toThrow(RangeError);
    expect(() => vietnameseNumberWords(10_000)).toThrow(RangeError);
    expect(() => vietnameseNumberWords(1.5)).toThrow(RangeError);
  });
});
