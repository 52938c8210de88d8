import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/procedures.js';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const shBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());

describe('README commands', () => {
  it('gives one command that runs the kiosk and one that runs every test', () => {
    expect(shBlocks).toContain('bash scripts/setup.sh && npm start');
    expect(shBlocks).toContain('bash scripts/setup.sh && npm test');
  });

  it('CI runs exactly the README test command, after installing Debian packages', () => {
    const ci = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8').trim().split('\n');
    const runs = ci.filter((l) => l.includes('npm test'));
    // Exactly the README's command, its output kept to check that nothing was skipped.
    expect(runs).toEqual(['{ bash scripts/setup.sh && npm test; } 2>&1 | tee "$log"']);
    expect(ci.some((l) => l.startsWith('apt-get install'))).toBe(true);
    expect(ci.join('\n')).toContain('0 failed, 0 skipped');
  });

  it('CI finds the summary line in a log that also holds binary bytes, and fails on a skip', () => {
    // A test's output once put a NUL byte in the log; plain grep then printed
    // "binary file matches" instead of the line and a green run was refused.
    const ci = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    const check = ci.slice(ci.indexOf('summary=$('));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-summary-'));
    const run = (tail: string): number => {
      const log = path.join(dir, 'log');
      fs.writeFileSync(log, Buffer.concat([Buffer.from('pdf bytes \u0000\u0001\u00ff\n'), Buffer.from(`${tail}\n`)]));
      return spawnSync('bash', ['-c', `set -euo pipefail\nlog=${JSON.stringify(log)}\n${check}`], { encoding: 'utf8' }).status ?? -1;
    };
    try {
      expect(run('tests: 949 passed, 0 failed, 0 skipped')).toBe(0);
      expect(run('tests: 948 passed, 0 failed, 1 skipped')).toBe(1);
      expect(run('tests: 948 passed, 1 failed, 0 skipped')).toBe(1);
      expect(run('no summary at all')).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm test runs lint, both type-checks, the build and the tests', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const test = pkg.scripts.test ?? '';
    for (const part of ['npm run lint', 'npm run typecheck', 'npm run build', 'crash-test.js', 'vitest run']) expect(test).toContain(part);
    expect(pkg.scripts.typecheck).toContain('vue-tsc');
    expect(pkg.scripts.start).toContain('out/host/start.js');
  });

  it('setup skips only the Electron binary download and installs the packages the tests use', () => {
    const setup = fs.readFileSync(path.join(repoRoot, 'scripts/setup.sh'), 'utf8');
    expect(setup).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci');
    for (const p of ['chromium', 'fonts-noto-core', 'libusb-1.0-0']) expect(setup).toContain(p);
  });

  it('setup and CI install postgresql, which the portal-pg project starts a private cluster of', () => {
    const packages = /^DEBIAN_PACKAGES=\(([^)]*)\)/m.exec(fs.readFileSync(path.join(repoRoot, 'scripts/setup.sh'), 'utf8'))?.[1]?.split(/\s+/) ?? [];
    expect(packages).toContain('postgresql');
    const ci = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    const aptLine = ci.slice(ci.indexOf('apt-get install'), ci.indexOf('\n\n', ci.indexOf('apt-get install')));
    expect(aptLine.split(/\s+/)).toContain('postgresql');
  });
});
