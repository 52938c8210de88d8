import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src-main/api/dispatcher.js';
import { visitGate } from '../../src-main/api/call-gate.js';
import { Visit } from '../../src-main/session/visit.js';
import { PortalSignIn } from '../../src-main/session/portal-sign-in.js';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { SettingsStore } from '../../src-main/store/settings-store.js';
import { KioskError } from '../../src-shared/errors.js';
import { CALL_NAMES, type CallName } from '../../src-shared/kiosk-api.js';

/**
 * Who may make which kiosk call, cell by cell: every call of the contract
 * × {nobody, citizen of this visit, citizen of another visit, officer
 * present, officer locked}. The expected table is written here on its own,
 * typed by the contract, so a call added without a row does not compile,
 * and checked against the real dispatcher with the real sign-in and visit.
 */

type Who = 'nobody' | 'citizen' | 'otherVisit' | 'officer' | 'locked';
const WHO: readonly Who[] = ['nobody', 'citizen', 'otherVisit', 'officer', 'locked'];
type Outcome = 'allowed' | 'SIGN_IN_REQUIRED' | 'FORBIDDEN';
type Row = Record<Who, Outcome>;

const OPEN: Row = { nobody: 'allowed', citizen: 'allowed', otherVisit: 'allowed', officer: 'allowed', locked: 'allowed' };
/** The person being served: a citizen signed in, or the officer while present. */
const VISIT: Row = { nobody: 'SIGN_IN_REQUIRED', citizen: 'allowed', otherVisit: 'allowed', officer: 'allowed', locked: 'SIGN_IN_REQUIRED' };
/** One application: the visit that made it, or the officer. */
const OWN: Row = { nobody: 'SIGN_IN_REQUIRED', citizen: 'allowed', otherVisit: 'FORBIDDEN', officer: 'allowed', locked: 'SIGN_IN_REQUIRED' };
const OFFICER: Row = { nobody: 'SIGN_IN_REQUIRED', citizen: 'FORBIDDEN', otherVisit: 'FORBIDDEN', officer: 'allowed', locked: 'SIGN_IN_REQUIRED' };
/** The shift itself: unlock or end it, present or locked. */
const SHIFT: Row = { nobody: 'SIGN_IN_REQUIRED', citizen: 'SIGN_IN_REQUIRED', otherVisit: 'SIGN_IN_REQUIRED', officer: 'allowed', locked: 'allowed' };

const EXPECTED: { [N in CallName]: Row } = {
  'app.info': OPEN,
  'catalogue.list': OPEN,
  'catalogue.search': OPEN,
  'catalogue.get': OPEN,
  'applications.lookup': OPEN,
  'attachments.add': VISIT,
  'attachments.fromImages': VISIT,
  'drafts.save': VISIT,
  'drafts.current': VISIT,
  'drafts.discard': VISIT,
  'session.end': OPEN,
  'submissions.submit': VISIT,
  'submissions.get': OWN,
  'submissions.list': OFFICER,
  'submissions.resubmit': OFFICER,
  'submissions.forFix': OFFICER,
  'auth.captcha': OPEN,
  'auth.login': OPEN,
  'auth.resendOtp': OPEN,
  'auth.verifyOtp': OPEN,
  'auth.state': OPEN,
  'auth.logout': OPEN,
  'staff.signIn': OPEN,
  'staff.signOut': SHIFT,
  'staff.lock': OFFICER,
  'staff.unlock': SHIFT,
  'wizard.captcha': VISIT,
  'wizard.checkCaptcha': VISIT,
  'payments.quote': OWN,
  'receipts.print': OWN,
  'sync.state': OPEN,
  'sync.now': OFFICER,
  'devices.state': OPEN,
  'business.certificates': OPEN,
  'business.login': OPEN,
  'business.signDeclaration': VISIT,
  'officer.worklist': OFFICER,
  'officer.application': OFFICER,
  'officer.attachment': OFFICER,
  'officer.accept': OFFICER,
  'officer.requestSupplement': OFFICER,
  'officer.reject': OFFICER,
  'officer.processing': OFFICER,
  'officer.returnResult': OFFICER,
  'supplements.request': VISIT,
  'supplements.submit': VISIT,
  'ratings.criteria': OPEN,
  'ratings.submit': VISIT,
  // The admin role and the PIN are the handlers' own check (admin-access.ts), after the officer gate.
  'admin.open': OFFICER,
  'admin.overview': OFFICER,
  'admin.saveSettings': OFFICER,
  'admin.setPortalUrl': OFFICER,
  'admin.queue': OFFICER,
  'admin.retry': OFFICER,
  'admin.discard': OFFICER,
  'admin.supportBundle': OFFICER,
  'admin.fleet': OFFICER,
  // A queue ticket names nobody: taken without signing in.
  'queue.centre': OPEN,
  'queue.take': OPEN,
  'queue.print': OPEN,
  'counterQueue.now': OFFICER,
  'counterQueue.next': OFFICER,
  'counterQueue.recall': OFFICER,
  'counterQueue.absent': OFFICER,
  'counterQueue.complete': OFFICER,
  'counterQueue.transfer': OFFICER,
  'counterQueue.figures': OFFICER,
};

/** The application the cells ask about: made in the visit where the citizen signed in. */
const LOCAL_ID = crypto.randomUUID();

let dir: string;
let db: StoreDatabase;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-authz-'));
  db = openStore(dir);
});

afterAll(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A kiosk with `who` at it: the real PortalSignIn and visit, as the host wires them. */
async function kioskWith(who: Who): Promise<{ signIn: PortalSignIn; visit: Visit }> {
  const signIn = new PortalSignIn();
  const visit = new Visit(new SettingsStore(db));
  visit.rotate();
    if (who === 'citizen' || who === 'otherVisit') {
    signIn.setCitizen({ token: 't', account: { role: 'citizen', displayName: 'Công dân' } });
    visit.claim(LOCAL_ID);
    // The next person: a new visit, signed in as someone else.
    if (who === 'otherVisit') visit.rotate();
  }
  if (who === 'officer' || who === 'locked') {
    await signIn.setStaff({ token: 's', username: 'canbo.camthanh', displayName: 'Cán bộ', agencyCode: '000.00.31.H48' }, '2468');
    if (who === 'locked') signIn.lock();
  }
  return { signIn, visit };
}

/** Handlers that only note that they ran: the cell is about the gate, not what the call does. */
function recordingHandlers(ran: CallName[]): Handlers {
  return Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      () => {
        ran.push(name);
        throw new KioskError('NOT_FOUND');
      },
    ]),
  ) as unknown as Handlers;
}

describe('who may make each kiosk call (the table from the contract)', () => {
  it('has a row for every call of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CALL_NAMES].sort());
  });

  for (const who of WHO) {
    it(`as ${who}: every call is allowed or refused with its code`, async () => {
      const { signIn, visit } = await kioskWith(who);
      const ran: CallName[] = [];
      const d = createDispatcher(recordingHandlers(ran), () => undefined, visitGate(signIn, visit));
      const cells: Record<string, Outcome> = {};
      const expected: Record<string, Outcome> = {};
      for (const name of CALL_NAMES) {
        ran.length = 0;
        // Inputs that name an application name this one; the rest need not parse, since the gate comes first.
        const r = await d.dispatch(name, { localId: LOCAL_ID });
        const passedGate = ran.includes(name) || (!r.ok && r.error.code === 'INVALID_INPUT');
        cells[name] = passedGate ? 'allowed' : r.ok ? 'allowed' : (r.error.code as Outcome);
        expected[name] = EXPECTED[name][who];
        if (!passedGate && !r.ok) expect(r.error.message, name).toMatch(/[ăâđêôơưáàảãạếềểễệ]/);
      }
      expect(cells).toEqual(expected);
    });
  }

  it('the gate is checked before the input is read: a refused caller learns nothing of the schema', async () => {
    const { signIn, visit } = await kioskWith('nobody');
    const d = createDispatcher(recordingHandlers([]), () => undefined, visitGate(signIn, visit));
    const r = await d.dispatch('submissions.list', { states: 'not an array', extra: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
  });

  it('without a gate only calls open to anyone get through', async () => {
    const ran: CallName[] = [];
    const d = createDispatcher(recordingHandlers(ran));
    for (const name of CALL_NAMES) await d.dispatch(name, { localId: LOCAL_ID });
    const open = CALL_NAMES.filter((n) => EXPECTED[n].nobody === 'allowed');
    expect(ran.filter((n) => !open.includes(n))).toEqual([]);
  });
});
