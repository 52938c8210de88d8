// Renders the hall board's announcement words (resources/queue/voice-words.json)
// into out/queue-voice/<id>.wav with espeak-ng, for a board whose browser has
// no Vietnamese speech voice. Build output, not committed: the clips are
// regenerated from the word list, and only when it changed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Returns how many clips were written, or null when espeak-ng is not installed. */
export async function renderQueueVoice(root) {
  const list = path.join(root, 'resources', 'queue', 'voice-words.json');
  const outDir = path.join(root, 'out', 'queue-voice');
  const { voice, words } = JSON.parse(fs.readFileSync(list, 'utf8'));
  const stamp = path.join(outDir, '.rendered');
  const listTime = fs.statSync(list).mtimeMs;
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= listTime && Object.keys(words).every((id) => fs.existsSync(path.join(outDir, `${id}.wav`)))) return 0;
  try {
    await run('espeak-ng', ['--version']);
  } catch {
    return null;
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  // A little slower than espeak-ng's default 175 words a minute: a hall is noisy and echoes.
  await Promise.all(Object.entries(words).map(([id, text]) => run('espeak-ng', ['-v', voice, '-s', '150', '-w', path.join(outDir, `${id}.wav`), text])));
  fs.writeFileSync(stamp, '');
  return Object.keys(words).length;
}
