import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { vietnameseNumberWords } from '../../src-shared/domain/vn-number-words.js';

/** The word list the build renders into clips (scripts/queue-voice.mjs). */
export const VOICE_WORDS_FILE = path.join('queue', 'voice-words.json');
const VoiceWordsSchema = z.object({ voice: z.string().min(1), words: z.record(z.string().regex(/^[a-z-]+$/), z.string().min(1)) });

/**
 * "Mời số B-015 đến quầy số 3" as the ids of the clips that say it: the
 * ticket's letter by its Vietnamese name and its number without the leading
 * zeros, as a caller would read it ("bê mười lăm").
 */
export function announcementWords(label: string, counter: number): string[] {
  const [letter = '', digits = ''] = label.split('-');
  return ['moi-so', `chu-${letter.toLowerCase()}`, ...vietnameseNumberWords(Number(digits)), 'den-quay-so', ...vietnameseNumberWords(counter)];
}

const listed = new Map<string, ReadonlySet<string>>();

/** The ids of the clip words, read once per resources folder. */
export function voiceWordIds(resourcesDir: string): ReadonlySet<string> {
  const file = path.join(resourcesDir, VOICE_WORDS_FILE);
  let ids = listed.get(file);
  if (!ids) {
    ids = new Set(Object.keys(VoiceWordsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).words));
    listed.set(file, ids);
  }
  return ids;
}

/** Whether every clip of the word list is in the folder (a partial set would say half a number). */
export function hasAllClips(voiceDir: string | null, resourcesDir: string): boolean {
  if (!voiceDir) return false;
  return [...voiceWordIds(resourcesDir)].every((id) => fs.existsSync(path.join(voiceDir, `${id}.wav`)));
}
