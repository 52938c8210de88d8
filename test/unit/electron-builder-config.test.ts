import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

/**
 * The packaging config is only exercised on a release machine, so it is
 * checked here: against electron-builder's own JSON schema (the same check
 * `electron-builder` runs first, offline) and for the fields the kiosk
 * depends on.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string };
  extraMetadata?: { main?: string };
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  publish?: { provider?: string; url?: string }[] | null;
  win?: { target?: { target: string }[]; verifyUpdateCodeSignature?: boolean; signtoolOptions?: Record<string, unknown> };
  linux?: { target?: unknown[]; category?: string; maintainer?: string };
  nsis?: { oneClick?: boolean; perMachine?: boolean };
}

interface PackageJson {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const config = YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;

// electron-builder's matcher and validator, from the installed app-builder-lib.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const { minimatch } = builderRequire('minimatch') as { minimatch: (file: string, pattern: string, options?: { dot?: boolean }) => boolean };
const { validateConfiguration } = builderRequire('./out/util/config/config.js') as {
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean; add: () => void }) => Promise<void>;
};
const validate = (candidate: unknown) => validateConfiguration(candidate, { isEnabled: false, add: () => undefined });

const matchesAny = (file: string, patterns: readonly string[] = []) =>
  patterns.some((pattern) => !pattern.startsWith('!') && minimatch(file, pattern, { dot: true }));
const excludedBy = (file: string, patterns: readonly string[] = []) =>
  patterns.some((pattern) => pattern.startsWith('!') && minimatch(file, pattern.slice(1), { dot: true }));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is a check that can fail: the validator rejects an unknown option', async () => {
    await expect(validate({ ...config, asarUnpacked: ['x'] })).rejects.toThrow(/asarUnpacked/);
  });

  it('names the product', () => {
    expect(config.appId).toBe('vn.gov.quangngai.motcua.kiosk');
    expect(config.productName).toBe('Một cửa kiosk');
    expect(config.productName?.normalize('NFC')).toBe(config.productName);
    expect(config.directories?.output).toBe('dist');
  });

  it('packs the build output, resources and package.json, not the sources or tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/electron/**', 'out/renderer/**', 'resources/**', 'package.json']));
    for (const file of ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/renderer/index.html', 'resources/catalogue/seed.json']) {
      expect(matchesAny(file, config.files) && !excludedBy(file, config.files), file).toBe(true);
    }
    for (const file of ['src-main/electron/main.ts', 'src-shared/kiosk-api.ts', 'test/unit/electron-shell.test.ts', 'out/electron/main.cjs.map']) {
      expect(!matchesAny(file, config.files) || excludedBy(file, config.files), file).toBe(true);
    }
  });

  const packed = (file: string) => matchesAny(file, config.files) && !excludedBy(file, config.files);

  it('ships only the Electron bundles: not the browser shell, bench, crash and fault drivers, portal, scripts or tests', () => {
    for (const file of ['out/electron/host-process.cjs', 'out/renderer/assets/index.js', 'resources/ratings/criteria.json']) {
      expect(packed(file), file).toBe(true);
    }
    // Everything scripts/build.mjs writes outside out/electron and out/renderer.
    for (const file of [
      'out/host/start.js',
      'out/host/portal.js',
      'out/host/bench.js',
      'out/host/bench-row8.js',
      'out/host/crash-test.js',
      'out/host/crash-driver.js',
      'out/host/faults.js',
      'out/host/host-process.js',
      'scripts/bench/run.ts',
      'scripts/crash/run.ts',
      'src-portal/main.ts',
      'src-portal/db/migrations/001.ts',
      'test/e2e/wizard.test.ts',
    ]) {
      expect(packed(file), file).toBe(false);
    }
    const buildScript = fs.readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
    for (const outdir of buildScript.matchAll(/outdir:\s*['"]([^'"]+)['"]/g)) {
      const dir = outdir[1] ?? '';
      expect(packed(`${dir}/x.js`), dir).toBe(dir === 'out/electron');
    }
  });

  it("leaves out the portal's and the renderer's packages, keeps what the app requires", () => {
    // electron-builder adds the production node_modules itself; `files` can only filter them out.
    const kept = (name: string) => !excludedBy(`node_modules/${name}/package.json`, config.files);
    for (const name of ['fastify', '@fastify/static', 'kysely', 'pg', 'vue', '@vue/runtime-core', 'pinia', 'pdfjs-dist']) {
      expect(kept(name), name).toBe(false);
    }
    // What out/electron/main.cjs and host-process.cjs require (their external imports).
    for (const name of ['electron-updater', 'pino', 'rotating-file-stream', 'zod', 'axios', 'pdf-lib', '@pdf-lib/fontkit', '@signpdf/signpdf', 'qrcode', 'svg-captcha', 'better-sqlite3', 'node-hid', 'pkcs11js', 'usb']) {
      expect(kept(name), name).toBe(true);
    }
  });

  it('unpacks every native dependency (binding.gyp or prebuilds) from the asar', () => {
    const native = Object.keys(pkg.dependencies ?? {}).filter((name) => {
      const dir = path.join(root, 'node_modules', name);
      return fs.existsSync(path.join(dir, 'binding.gyp')) || fs.existsSync(path.join(dir, 'prebuilds'));
    });
    expect(native).toEqual(expect.arrayContaining(['better-sqlite3', 'node-hid', 'pkcs11js']));
    for (const name of native) expect(matchesAny(`node_modules/${name}/package.json`, config.asarUnpack), name).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
  });

  it('publishes to a generic feed whose URL comes from the environment, and signs from the environment', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic', url: '${env.KIOSK_UPDATE_FEED_URL}' })]);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    // No certificate or password in the repository: CSC_LINK / CSC_KEY_PASSWORD at build time.
    const raw = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(raw).not.toMatch(/^\s*(certificateFile|certificatePassword|cscLink|cscKeyPassword)\s*:/m);
  });

  it('starts the app from the Electron bundle the build writes', () => {
    expect(config.extraMetadata?.main).toBe('out/electron/main.cjs');
    expect(pkg.main).toBe('out/electron/main.cjs');
    const buildScript = fs.readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
    expect(buildScript).toMatch(/main:\s*['"]src-main\/electron\/main\.ts['"]/);
    expect(buildScript).toMatch(/preload:\s*['"]src-main\/electron\/preload\.ts['"]/);
    expect(buildScript).toMatch(/outdir:\s*['"]out\/electron['"]/);
    expect(buildScript).toMatch(/['"]\.js['"]:\s*['"]\.cjs['"]/);
  });

  it('unpacks the native modules from the asar and rebuilds them for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/usb/dist/usb/index.js',
      'node_modules/node-hid/prebuilds/HID-linux-x64/node-napi-v3.node',
      'node_modules/node-hid/nodehid.js',
      'node_modules/pkcs11js/build/Release/pkcs11.node',
      'node_modules/some-future-addon/build/Release/addon.node',
    ]) {
      expect(matchesAny(file, config.asarUnpack), file).toBe(true);
    }
    expect(matchesAny('node_modules/zod/index.js', config.asarUnpack)).toBe(false);
  });

  it('builds AppImage and deb for Linux and a per-machine, non-one-click NSIS installer for Windows', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toBe('Utility');
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>$/);
    expect(config.win?.target?.map((t) => t.target)).toContain('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });
});

describe('deploy/ for a kiosk machine', () => {
  it('ships a systemd user unit that starts the packaged binary and restarts it whenever it stops', () => {
    const unit = fs.readFileSync(path.join(root, 'deploy', 'linux', 'mot-cua-kiosk.service'), 'utf8');
    const setting = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);
    const executable = (YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { executableName?: string }).executableName;
    expect(setting('ExecStart')).toEqual([`/usr/bin/${executable}`]);
    expect(setting('Restart')).toEqual(['always']);
    expect(setting('StartLimitIntervalSec')).toEqual(['0']);
    expect(setting('WantedBy')).toEqual(['graphical-session.target']);
  });

  it('ships the Windows Shell Launcher script and logon task for the same executable', () => {
    const executable = 'mot-cua-kiosk.exe';
    expect(fs.readFileSync(path.join(root, 'deploy', 'windows', 'shell-launcher.ps1'), 'utf8')).toContain(`\\Một cửa kiosk\\${executable}`);
    const task = fs.readFileSync(path.join(root, 'deploy', 'windows', 'mot-cua-kiosk-task.xml'), 'utf8');
    expect(task).toMatch(/<LogonTrigger>/);
    expect(task).toMatch(/<RestartOnFailure>/);
    expect(task).toContain(`\\Một cửa kiosk\\${executable}`);
  });
});

describe('package.json for the Electron build', () => {
  it('pins Electron to major 41 as a devDependency', () => {
    // electron-builder refuses electron in dependencies; the packaged app embeds its own runtime.
    expect(pkg.dependencies?.electron).toBeUndefined();
    const range = pkg.devDependencies?.electron ?? '';
    expect(range).toMatch(/^(~|\^)?41(\.\d+){0,2}$|^41\.x$/);
    expect(pkg.devDependencies?.['electron-builder']).toBeDefined();
  });

  it('keeps native modules in dependencies so they are packed and rebuilt', () => {
    expect(pkg.dependencies?.['better-sqlite3']).toBeDefined();
    expect(pkg.dependencies?.['node-hid']).toBeDefined();
  });
});
