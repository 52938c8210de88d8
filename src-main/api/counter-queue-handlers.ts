import { KioskError } from '../../src-shared/errors.js';
import type { CounterFigures, CounterNow, ServedTicket } from '../../src-shared/kiosk-contract/counter-queue.js';
import type { QueueCentre, Ticket } from '../../src-shared/portal-queue-api.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { CounterDesk } from '../session/counter-desk.js';
import { endVisit, type VisitParts } from '../session/end-visit.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { Audit } from '../store/store.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';

export interface CounterQueueDeps extends VisitParts {
  portal: PortalClient;
  signIn: PortalSignIn;
  audit: Audit;
  counterDesk: CounterDesk;
}

type CounterCall = 'counterQueue.now' | 'counterQueue.next' | 'counterQueue.recall' | 'counterQueue.absent' | 'counterQueue.complete' | 'counterQueue.transfer' | 'counterQueue.figures';

const served = (t: Ticket): ServedTicket => ({ id: t.id, label: t.label, area: t.area, areaName: t.areaName, priority: t.priority, status: t.status, counter: t.counter, misses: t.misses });

/**
 * The counter's queue buttons. Each call goes to the portal with the
 * present officer's own session (the portal takes the centre from it and
 * audits who called) and this kiosk's counter number from its config.
 * Finishing with a ticket ("Vắng mặt", "Chuyển quầy", "Hoàn thành") ends the
 * walk-in's visit here, in the host, as "Phục vụ người tiếp theo" does.
 */
export function counterQueueHandlers(deps: CounterQueueDeps): Pick<Handlers, CounterCall> {
  const { portal, signIn, counterDesk: desk } = deps;
  /** The centre's layout hardly changes in a day: read once per agency. */
  const centres = new Map<string, QueueCentre>();

  const officer = (): { token: string; agency: string } => {
    const token = signIn.presentStaffToken();
    const agency = signIn.presentStaffAgency();
    if (!token || !agency) throw KioskError.detailed('SIGN_IN_REQUIRED', 'NO_SHIFT_SIGN_IN');
    return { token, agency };
  };

  const counterOf = (): number => {
    if (desk.counter === null) throw KioskError.detailed('FORBIDDEN', 'QUEUE_NO_COUNTER');
    return desk.counter;
  };

  const viaPortal = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw toKioskError(e);
    }
  };

  const centreOf = async (agency: string): Promise<QueueCentre> => {
    const known = centres.get(agency);
    if (known) return known;
    const centre = await viaPortal(() => portal.queueCentre(agency));
    centres.set(agency, centre);
    return centre;
  };

  const otherCounters = async (agency: string, counter: number): Promise<number[]> => {
    const all = new Set((await centreOf(agency)).areas.flatMap((a) => a.counters));
    return [...all].filter((c) => c !== counter).sort((a, b) => a - b);
  };

  /** After the portal has acted, an unreachable portal must not hide the answer: the transfer list is then left empty. */
  const answer = async (agency: string): Promise<CounterNow> => {
    const counter = desk.counter;
    const t = desk.serving();
    const others = counter === null ? [] : await otherCounters(agency, counter).catch(() => []);
    return { counter, serving: t ? served(t) : null, otherCounters: others };
  };

  /** The desk as the portal has it now (another screen, a host restart, a ticket the portal expired). */
  const resync = async (token: string, counter: number): Promise<void> => {
    desk.update(await viaPortal(() => portal.counterServing(token, counter)));
  };

  /**
   * The ticket must be the one this counter serves: a stale screen cannot
   * act on another desk's ticket. The host's memory may be the stale one
   * (it restarted), so the portal is asked before saying no.
   */
  const servingNow = async (token: string, counter: number, ticketId: string): Promise<void> => {
    if (desk.serving()?.id === ticketId) return;
    await resync(token, counter);
    if (desk.serving()?.id !== ticketId) throw KioskError.detailed('PORTAL_REFUSED', 'QUEUE_NOT_SERVING');
  };

  /** A portal refusal means the desk's picture was wrong: it is read again (best effort) so the next answer is right. */
  const acting = async <T>(token: string, counter: number, fn: () => Promise<T>): Promise<T> => {
    try {
      return await viaPortal(fn);
    } catch (e) {
      if (e instanceof KioskError && e.code === 'PORTAL_REFUSED') await resync(token, counter).catch(() => undefined);
      throw e;
    }
  };

  const finish = async (agency: string, t: Ticket, what: string): Promise<CounterNow> => {
    desk.update(null);
    endVisit(deps);
    deps.audit.record(`staff:${signIn.presentStaffUsername() ?? ''}`, what, t.label);
    return { ...(await answer(agency)), released: served(t) };
  };

  return {
    'counterQueue.now': async () => {
      const { token, agency } = officer();
      if (desk.counter === null) return { counter: null, serving: null, otherCounters: [] };
      const counter = desk.counter;
      await resync(token, counter);
      return answer(agency);
    },
    'counterQueue.next': async () => {
      const { token, agency } = officer();
      const counter = counterOf();
      desk.update(await acting(token, counter, () => portal.callNextTicket(token, counter)));
      deps.audit.record(`staff:${signIn.presentStaffUsername() ?? ''}`, 'queue.next', desk.servingLabel() ?? '');
      return answer(agency);
    },
    'counterQueue.recall': async (input) => {
      const { token, agency } = officer();
      const counter = counterOf();
      await servingNow(token, counter, input.ticketId);
      desk.update(await acting(token, counter, () => portal.actOnTicket(token, input.ticketId, 'recall', counter)));
      return answer(agency);
    },
    'counterQueue.absent': async (input) => {
      const { token, agency } = officer();
      const counter = counterOf();
      await servingNow(token, counter, input.ticketId);
      return finish(agency, await acting(token, counter, () => portal.actOnTicket(token, input.ticketId, 'absent', counter)), 'queue.absent');
    },
    'counterQueue.complete': async (input) => {
      const { token, agency } = officer();
      const counter = counterOf();
      await servingNow(token, counter, input.ticketId);
      return finish(agency, await acting(token, counter, () => portal.actOnTicket(token, input.ticketId, 'complete', counter)), 'queue.complete');
    },
    'counterQueue.transfer': async (input) => {
      const { token, agency } = officer();
      const counter = counterOf();
      await servingNow(token, counter, input.ticketId);
      if (input.toCounter === counter) throw KioskError.detailed('INVALID_INPUT', 'QUEUE_SAME_COUNTER');
      return finish(agency, await acting(token, counter, () => portal.transferTicket(token, input.ticketId, counter, input.toCounter)), 'queue.transfer');
    },
    'counterQueue.figures': async (input) => {
      const { token, agency } = officer();
      const [figures, centre] = await Promise.all([viaPortal(() => portal.queueFigures(token, input.day)), centreOf(agency)]);
      const nameOf = (letter: string) => centre.areas.find((a) => a.letter === letter)?.name ?? letter;
      const result: CounterFigures = { ...figures, byArea: figures.byArea.map((a) => ({ ...a, areaName: nameOf(a.area) })) };
      return result;
    },
  };
}
