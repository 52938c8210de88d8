import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './procedures.js';

/**
 * The shipped resources, with every queue centre open until 23:59: the
 * kiosks run on the machine's clock, and a test that takes a number must
 * pass after the real 17:00 too. Remove the folder when done.
 */
export function openLateResources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'late-resources-'));
  const shipped = path.join(repoRoot, 'resources');
  for (const entry of fs.readdirSync(shipped)) if (entry !== 'queue') fs.symlinkSync(path.join(shipped, entry), path.join(dir, entry));
  const centres = JSON.parse(fs.readFileSync(path.join(shipped, 'queue', 'centres.json'), 'utf8')) as { centres: { closesAt: string }[] };
  for (const c of centres.centres) c.closesAt = '23:59';
  fs.mkdirSync(path.join(dir, 'queue'));
  fs.writeFileSync(path.join(dir, 'queue', 'centres.json'), JSON.stringify(centres));
  return dir;
}
