import type { Handler } from './fake-electron.js';

/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security),
 * checked item by item against what the shell registered with a recording
 * Electron: each item fires the events an attacker's page would cause and
 * reports what the shell let through. An empty list means every item holds.
 */

export type ChecklistItem =
  | 'isolation'
  | 'web-security'
  | 'csp-meta'
  | 'csp-header'
  | 'navigation'
  | 'permissions'
  | 'ipc-sender'
  | 'open-external'
  | 'devtools'
  | 'downloads';

export interface ChecklistFailure {
  item: ChecklistItem;
  problem: string;
}

export interface RecordedContents {
  id: number;
  listeners: Map<string, Handler[]>;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null;
  closeDevTools: { mock: { calls: unknown[][] } };
}

/** What the shell left registered with Electron after it started in kiosk mode. */
export interface RecordedShell {
  windowOptions: { kiosk?: unknown; webPreferences?: Record<string, unknown> };
  contents: RecordedContents;
  session: {
    listeners: Map<string, Handler[]>;
    permissionRequestHandler: Handler | null;
    permissionCheckHandler: Handler | null;
    headersReceived: Handler | null;
  };
  protocolHandler: ((request: Request) => Promise<Response>) | null;
  ipcHandler: Handler | null;
  /** How many calls reached the host so far. */
  dispatched: () => number;
  saveDialogsShown: () => number;
  indexHtml: string;
  /** Product source files by path. */
  sources: ReadonlyMap<string, string>;
}

const CAPTURE_SCREEN = 'app://kiosk/index.html#/nop-ho-so/1.000001';
const OTHER_SCREENS = ['app://kiosk/index.html#/', 'app://kiosk/index.html#/tra-cuu', 'app://kiosk/index.html#/ket-qua/abc'];
const FOREIGN_URLS = ['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,<h1>x</h1>'];
const OWN_URL = 'app://kiosk/index.html#/dich-vu-cong';
const DENIED_PERMISSIONS = ['geolocation', 'notifications', 'clipboard-read', 'midi', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock', 'display-capture', 'idle-detection'];
const DEVTOOLS_KEYS = [
  { key: 'I', control: true, shift: true, alt: false, meta: false },
  { key: 'J', control: true, shift: true, alt: false, meta: false },
  { key: 'F12', control: false, shift: false, alt: false, meta: false },
];

type Call = (...args: unknown[]) => unknown;
const call = (handler: Handler, ...args: unknown[]): unknown => (handler as unknown as Call)(...args);

/** Fires `event` at every listener; true when one of them called preventDefault. */
function prevented(listeners: Map<string, Handler[]>, event: string, ...rest: unknown[]): boolean {
  let wasPrevented = false;
  const electronEvent = { preventDefault: () => (wasPrevented = true), url: typeof rest[0] === 'string' ? rest[0] : undefined };
  for (const listener of listeners.get(event) ?? []) call(listener, electronEvent, ...rest);
  return wasPrevented;
}

export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The core of a CSP that keeps injected script out; a problem, or null. */
function cspProblem(policy: string | null | undefined): string | null {
  if (!policy) return 'no Content-Security-Policy';
  const csp = parseCsp(policy);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  if (csp.get('default-src')?.join(' ') !== "'self'") return `default-src is ${csp.get('default-src')?.join(' ') ?? 'missing'}`;
  if (!scripts || scripts.some((s) => s === '*' || s.includes('unsafe') || /^(https?:|data:|blob:)/.test(s))) return `script-src allows ${scripts?.join(' ') ?? 'anything'}`;
  if (csp.get('object-src')?.join(' ') !== "'none'") return "object-src is not 'none'";
  return null;
}

function checkIsolation(shell: RecordedShell, fail: (problem: string) => void): void {
  const prefs = shell.windowOptions.webPreferences ?? {};
  if (prefs.contextIsolation !== true) fail('contextIsolation is not true');
  if (prefs.sandbox !== true) fail('sandbox is not true');
  for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames']) {
    if (prefs[key] !== false) fail(`${key} is not false`);
  }
}

function checkWebSecurity(shell: RecordedShell, fail: (problem: string) => void): void {
  const prefs = shell.windowOptions.webPreferences ?? {};
  if (prefs.webSecurity === false) fail('webSecurity is off');
  if (prefs.allowRunningInsecureContent === true) fail('allowRunningInsecureContent is on');
  if (prefs.experimentalFeatures === true) fail('experimentalFeatures is on');
  if (prefs.webviewTag === true) fail('<webview> is enabled');
}

function checkCspMeta(shell: RecordedShell, fail: (problem: string) => void): void {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(shell.indexHtml);
  const problem = cspProblem(meta?.[1]);
  if (problem) fail(`index.html <meta>: ${problem}`);
}

async function checkCspHeader(shell: RecordedShell, fail: (problem: string) => void): Promise<void> {
  if (!shell.protocolHandler) {
    fail('app:// is not served by the shell');
  } else {
    const response = await shell.protocolHandler(new Request('app://kiosk/index.html'));
    const problem = cspProblem(response.headers.get('content-security-policy'));
    if (problem) fail(`app:// response header: ${problem}`);
  }
  if (!shell.session.headersReceived) {
    fail('no onHeadersReceived handler');
    return;
  }
  let headers: Record<string, string[]> | undefined;
  call(shell.session.headersReceived, { url: OWN_URL, responseHeaders: { 'content-security-policy': ["default-src *"] } }, (answer: { responseHeaders?: Record<string, string[]> }) => {
    headers = answer.responseHeaders;
  });
  const policies = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() === 'content-security-policy');
  if (policies.length !== 1) fail(`onHeadersReceived leaves ${policies.length} CSP headers`);
  const problem = cspProblem(policies[0]?.[1].join(', '));
  if (problem) fail(`onHeadersReceived header: ${problem}`);
}

function checkNavigation(shell: RecordedShell, fail: (problem: string) => void): void {
  const { listeners, windowOpenHandler } = shell.contents;
  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    for (const url of FOREIGN_URLS) if (!prevented(listeners, event, url)) fail(`${event} lets ${url} through`);
    if (prevented(listeners, event, OWN_URL)) fail(`${event} stops the app's own ${OWN_URL}`);
  }
  if (!windowOpenHandler) fail('no window open handler');
  for (const url of [...FOREIGN_URLS, OWN_URL]) {
    const action = windowOpenHandler?.({ url }).action;
    if (action !== 'deny') fail(`window.open(${url}) is ${action ?? 'unhandled'}`);
  }
  if (!prevented(listeners, 'will-attach-webview', {}, {})) fail('a <webview> can be attached');
}

function checkPermissions(shell: RecordedShell, fail: (problem: string) => void): void {
  const { permissionRequestHandler: request, permissionCheckHandler: check } = shell.session;
  if (!request || !check) {
    fail('no permission request or check handler: Electron grants everything');
    return;
  }
  const asked = (screen: string | null, permission: string, requestingUrl: string, mediaTypes: string[] = []): boolean => {
    let granted: unknown;
    call(request, screen === null ? null : { getURL: () => screen }, permission, (answer: unknown) => (granted = answer), { requestingUrl, isMainFrame: true, mediaTypes });
    return granted === true;
  };
  const checked = (screen: string | null, permission: string, requestingUrl: string, mediaType?: string): boolean =>
    call(check, screen === null ? null : { getURL: () => screen }, permission, new URL(requestingUrl).origin, { requestingUrl, isMainFrame: true, mediaType }) === true;

  if (!asked(CAPTURE_SCREEN, 'media', CAPTURE_SCREEN, ['video'])) fail('the camera is refused on the document-capture screen');
  if (!checked(CAPTURE_SCREEN, 'media', CAPTURE_SCREEN, 'video')) fail('the camera check fails on the document-capture screen');
  for (const screen of OTHER_SCREENS) {
    if (asked(screen, 'media', screen, ['video'])) fail(`the camera is granted on ${screen}`);
    if (checked(screen, 'media', screen, 'video')) fail(`the camera check passes on ${screen}`);
  }
  if (asked(CAPTURE_SCREEN, 'media', CAPTURE_SCREEN, ['video', 'audio'])) fail('the microphone is granted');
  if (checked(CAPTURE_SCREEN, 'media', CAPTURE_SCREEN, 'audio')) fail('the microphone check passes');
  if (asked(CAPTURE_SCREEN, 'media', 'https://evil.example/', ['video'])) fail('a foreign frame gets the camera');
  for (const permission of DENIED_PERMISSIONS) {
    if (asked(CAPTURE_SCREEN, permission, CAPTURE_SCREEN)) fail(`${permission} is granted`);
    if (checked(CAPTURE_SCREEN, permission, CAPTURE_SCREEN)) fail(`${permission} check passes`);
  }
}

async function checkIpcSender(shell: RecordedShell, fail: (problem: string) => void): Promise<void> {
  if (!shell.ipcHandler) {
    fail('no IPC handler');
    return;
  }
  const own = { id: shell.contents.id };
  const untrusted = [
    { what: 'a foreign frame of the kiosk window', event: { sender: own, senderFrame: { url: 'https://evil.example/' } } },
    { what: 'a frame gone or navigated away', event: { sender: own, senderFrame: null } },
    { what: 'another webContents on the app origin', event: { sender: { id: own.id + 1000 }, senderFrame: { url: OWN_URL } } },
  ];
  for (const { what, event } of untrusted) {
    const before = shell.dispatched();
    const result = (await call(shell.ipcHandler, event, 'catalogue.search', { query: 'x' })) as { ok?: boolean; error?: { code?: string } };
    if (shell.dispatched() !== before || result.ok !== false || result.error?.code !== 'FORBIDDEN') fail(`a call from ${what} reaches the host`);
  }
  const before = shell.dispatched();
  await call(shell.ipcHandler, { sender: own, senderFrame: { url: OWN_URL } }, 'catalogue.search', { query: 'x' });
  if (shell.dispatched() !== before + 1) fail("the app's own call does not reach the host");
}

function checkOpenExternal(shell: RecordedShell, fail: (problem: string) => void): void {
  if (shell.sources.size === 0) fail('no product sources to look through');
  for (const [file, text] of shell.sources) {
    if (/\bopenExternal\b/.test(text)) fail(`${file} calls shell.openExternal`);
  }
}

function checkDevtools(shell: RecordedShell, fail: (problem: string) => void): void {
  if (shell.windowOptions.webPreferences?.devTools !== false) fail('devTools is not false in kiosk mode');
  for (const input of DEVTOOLS_KEYS) {
    if (!prevented(shell.contents.listeners, 'before-input-event', { type: 'keyDown', ...input })) fail(`${input.key} (DevTools shortcut) reaches Chromium`);
  }
  const closedBefore = shell.contents.closeDevTools.mock.calls.length;
  for (const listener of shell.contents.listeners.get('devtools-opened') ?? []) call(listener);
  if (shell.contents.closeDevTools.mock.calls.length === closedBefore) fail('DevTools stay open once opened');
}

function checkDownloads(shell: RecordedShell, fail: (problem: string) => void): void {
  let cancelled = false;
  let savedTo: unknown = null;
  const item = {
    getURL: () => 'blob:app://kiosk/5e1f',
    getFilename: () => 'bien-nhan.pdf',
    getMimeType: () => 'application/pdf',
    cancel: () => (cancelled = true),
    setSavePath: (to: unknown) => (savedTo = to),
    setSaveDialogOptions: () => undefined,
  };
  const dialogsBefore = shell.saveDialogsShown();
  const wasPrevented = prevented(shell.session.listeners, 'will-download', item, {});
  // Neither prevented nor given a save path: Electron opens the system's save dialog.
  if (!wasPrevented && !cancelled && savedTo === null) fail('a download opens the system save dialog');
  // Saved silently instead: the citizen's document lands on the kiosk's disk, where the viewer never puts it.
  else if (!wasPrevented && !cancelled) fail('a download is written to disk instead of being refused');
  if (shell.saveDialogsShown() !== dialogsBefore) fail('the shell shows a save dialog');
}

const CHECKS: Readonly<Record<ChecklistItem, (shell: RecordedShell, fail: (problem: string) => void) => void | Promise<void>>> = {
  isolation: checkIsolation,
  'web-security': checkWebSecurity,
  'csp-meta': checkCspMeta,
  'csp-header': checkCspHeader,
  navigation: checkNavigation,
  permissions: checkPermissions,
  'ipc-sender': checkIpcSender,
  'open-external': checkOpenExternal,
  devtools: checkDevtools,
  downloads: checkDownloads,
};

export const CHECKLIST_ITEMS = Object.keys(CHECKS) as ChecklistItem[];

export async function checkElectronSecurity(shell: RecordedShell): Promise<ChecklistFailure[]> {
  const failures: ChecklistFailure[] = [];
  for (const item of CHECKLIST_ITEMS) {
    await CHECKS[item](shell, (problem) => failures.push({ item, problem }));
  }
  return failures;
}
