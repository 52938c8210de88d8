import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row8EventLoop } from './row8-event-loop.js';
import { formatTable } from './table.js';

/**
 * Bench row 8 on its own (`node out/host/bench-row8.js` after a build); the
 * full `npm run bench` runs the same function among the other rows.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

row8EventLoop({ root }).then((lines) => console.log(formatTable(lines)), (e: unknown) => {
  console.error(`Bench row 8 failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
