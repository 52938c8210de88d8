// Builds what `npm start` and the tests run: the renderer (Vite) and the
// host, portal and Electron entry points (esbuild). Dependencies stay
// external: native modules (better-sqlite3, node-hid) load from node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { renderQueueVoice } from './queue-voice.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const portalOnly = process.argv.includes('--portal-only');
const started = Date.now();

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

const jobs = [
  esbuild({ ...common, format: 'esm', entryPoints: { portal: 'src-portal/main.ts' }, outdir: 'out/host' }),
];
if (!portalOnly) {
  jobs.push(
    esbuild({ ...common, format: 'esm', splitting: true, chunkNames: 'host-chunks/[name]-[hash]', entryPoints: { start: 'scripts/start.ts', bench: 'scripts/bench/run.ts', 'crash-test': 'scripts/crash/run.ts', 'crash-driver': 'scripts/crash/driver.ts', faults: 'scripts/faults/run.ts' }, outdir: 'out/host' }),
    // The host process the browser shell forks (out/host/host-process.js); Electron's is built beside main.cjs.
    // Split, so the documents' pdf-lib and fontkit load on the first PDF, not at start (bench row 5).
    esbuild({ ...common, format: 'esm', splitting: true, chunkNames: 'host-chunks/[name]-[hash]', entryPoints: { 'host-process': 'src-main/host-process/host-entry.ts' }, outdir: 'out/host' }),
    // Bench row 8 (window event-loop delay) alone, and the shell process it measures.
    esbuild({ ...common, format: 'esm', entryPoints: { 'bench-row8': 'scripts/bench/row8-main.ts', 'bench-row8-shell': 'scripts/bench/row8-shell.ts' }, outdir: 'out/host' }),
    esbuild({
      ...common,
      format: 'cjs',
      entryPoints: { main: 'src-main/electron/main.ts', 'host-process': 'src-main/host-process/host-entry.ts' },
      outdir: 'out/electron',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
      // documents/fonts.ts reads __filename in this CommonJS build and import.meta only in the ESM one.
      logOverride: { 'empty-import-meta': 'silent' },
    }),
    // A sandboxed preload may require only 'electron': bundle everything else into it.
    esbuild({
      ...common,
      packages: undefined,
      format: 'cjs',
      entryPoints: { preload: 'src-main/electron/preload.ts' },
      outdir: 'out/electron',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
    }),
    import('vite').then(({ build }) => build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' })),
  );
}
// The display board's spoken numbers; the reference portal serves them (both builds include it).
jobs.push(
  renderQueueVoice(root).then((n) => {
    if (n === null) console.log('Không có espeak-ng: bảng gọi số chỉ đọc bằng giọng tiếng Việt của trình duyệt (nếu có). Cài: apt-get install espeak-ng.');
  }),
);
await Promise.all(jobs);
console.log(`Build xong sau ${((Date.now() - started) / 1000).toFixed(1)} s.`);
