/**
 * The names of the kiosk API calls, apart from their schemas so the Electron
 * preload can refuse unknown names without bundling zod. kiosk-api.ts is
 * checked against this list at compile time (no missing, no extra call).
 */
export const CALL_NAMES = [
  'app.info',
  'catalogue.list',
  'catalogue.search',
  'catalogue.get',
  'applications.lookup',
  'attachments.add',
  'attachments.fromImages',
  'drafts.save',
  'drafts.current',
  'drafts.discard',
  'session.end',
  'submissions.submit',
  'submissions.get',
  'submissions.list',
  'submissions.resubmit',
  'submissions.forFix',
  'auth.captcha',
  'auth.login',
  'auth.resendOtp',
  'auth.verifyOtp',
  'auth.state',
  'auth.logout',
  'staff.signIn',
  'staff.signOut',
  'staff.lock',
  'staff.unlock',
  'wizard.captcha',
  'wizard.checkCaptcha',
  'payments.quote',
  'receipts.print',
  'sync.state',
  'sync.now',
  'devices.state',
  'business.certificates',
  'business.login',
  'business.signDeclaration',
  'officer.worklist',
  'officer.application',
  'officer.attachment',
  'officer.accept',
  'officer.requestSupplement',
  'officer.reject',
  'officer.processing',
  'officer.returnResult',
  'supplements.request',
  'supplements.submit',
  'ratings.criteria',
  'ratings.submit',
  'admin.open',
  'admin.overview',
  'admin.saveSettings',
  'admin.setPortalUrl',
  'admin.queue',
  'admin.retry',
  'admin.discard',
  'admin.supportBundle',
  'admin.fleet',
  'queue.centre',
  'queue.take',
  'queue.print',
  'counterQueue.now',
  'counterQueue.next',
  'counterQueue.recall',
  'counterQueue.absent',
  'counterQueue.complete',
  'counterQueue.transfer',
  'counterQueue.figures',
] as const;
export type CallName = (typeof CALL_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(CALL_NAMES);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && NAMES.has(name);
}

/** Channels shared by the Electron main process and preload. */
export const IPC_CALL_CHANNEL = 'kiosk:call';
export const IPC_EVENT_CHANNEL = 'kiosk:event';
