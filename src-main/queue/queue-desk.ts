import { KioskError } from '../../src-shared/errors.js';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import { closedSentence, isPastClosing } from '../../src-shared/domain/queue-hours.js';
import { QueueCentreSchema, type QueueCentre, type Ticket } from '../../src-shared/portal-queue-api.js';
import type { QueueCentreView, QueueTicketView } from '../../src-shared/kiosk-contract/queue.js';
import { toKioskError } from '../api/portal-errors.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Reachability } from '../portal/reachability.js';
import type { QueueTickets, StoredTicket, TicketArea } from '../store/store.js';

export interface QueueDeskDeps {
  portal: PortalClient;
  store: QueueTickets;
  reachability: Reachability;
  /** The centre's agency code (config `queueCentre`). */
  centre: string;
  now: () => Date;
  /** A ticket was taken online: time to top the reserved blocks up. */
  taken: () => void;
}

const isOutage = (e: unknown): e is PortalCallError => e instanceof PortalCallError && (e.kind === 'unreachable' || e.kind === 'server');

export function ticketView(t: StoredTicket): QueueTicketView {
  return {
    localId: t.localId,
    label: t.label,
    area: t.area,
    areaName: t.areaName,
    counters: t.counters,
    priority: t.priority,
    ahead: t.ahead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    issuedAt: t.issuedAt,
    statusUrl: t.statusUrl,
    offline: t.offline,
  };
}

/**
 * "Lấy số thứ tự" at this kiosk: the portal's numbers while it answers,
 * the kiosk's reserved block while it does not. Either way the ticket is
 * written to the store before it is printed, so a printer fault loses no
 * number and a number is never handed out twice.
 */
export class QueueDesk {
  constructor(private readonly deps: QueueDeskDeps) {}

  /** The portal's centre, saved for when it is away; refused centres answer QUEUE_NOT_OFFERED. */
  async fetchCentre(): Promise<QueueCentre> {
    const { portal, store, centre, now } = this.deps;
    try {
      const fresh = await portal.queueCentre(centre);
      store.saveCentre(centre, JSON.stringify(fresh), now().toISOString());
      return fresh;
    } catch (e) {
      if (e instanceof PortalCallError && e.portalCode === 'QUEUE_NOT_OFFERED') throw new KioskError('QUEUE_NOT_OFFERED');
      throw e;
    }
  }

  /** The saved copy of the centre, or null before the portal ever listed it. */
  savedCentre(): QueueCentre | null {
    const saved = this.deps.store.savedCentre(this.deps.centre);
    if (!saved) return null;
    const parsed = QueueCentreSchema.safeParse(JSON.parse(saved.json));
    return parsed.success ? parsed.data : null;
  }

  async centre(): Promise<QueueCentreView> {
    try {
      return { ...(await this.fetchCentre()), online: true };
    } catch (e) {
      if (!isOutage(e)) throw e instanceof KioskError ? e : toKioskError(e);
      const saved = this.savedCentre();
      if (!saved) throw KioskError.detailed('PORTAL_UNREACHABLE', 'PORTAL_UNREACHABLE_RETRY');
      return { ...saved, areas: saved.areas.map((a) => ({ ...a, waiting: null })), online: false };
    }
  }

  async take(input: { area: string; priority: boolean }): Promise<{ ticket: StoredTicket; centreName: string }> {
    const { portal, store, reachability, centre, now } = this.deps;
    const known = this.savedCentre() ?? (await this.centreOrThrow());
    const area = known.areas.find((a) => a.letter === input.area);
    if (!area) throw new KioskError('INVALID_INPUT', `Lĩnh vực "${input.area}" không có trong hàng đợi của bộ phận một cửa này.`);
    const about: TicketArea = { centre, area: area.letter, areaName: area.name, counters: area.counters, priority: input.priority };
    // A portal known to be away is not asked: the person would wait for its timeout. The probe says when it is back.
    if (reachability.isReachable) {
      try {
        const t = await portal.takeTicket(centre, { area: area.letter, priority: input.priority });
        const stored = store.recordOnline({ ...about, ...this.facts(t) });
        this.deps.taken();
        return { ticket: stored, centreName: known.name };
      } catch (e) {
        if (!isOutage(e)) throw this.refusal(e);
      }
    }
    const at = now();
    // Cut off from the portal, the kiosk still knows the saved closing time: a reserve number after it would be dead on arrival.
    if (isPastClosing(known.closesAt, at)) throw new KioskError('QUEUE_CLOSED', closedSentence(known.closesAt));
    const offline = store.issueOffline({ ...about, day: vnDateKey(at), issuedAt: at.toISOString() });
    if (!offline) throw new KioskError('QUEUE_OFFLINE_EMPTY');
    return { ticket: offline, centreName: known.name };
  }

  private async centreOrThrow(): Promise<QueueCentre> {
    try {
      return await this.fetchCentre();
    } catch (e) {
      if (e instanceof KioskError) throw e;
      if (isOutage(e)) throw new KioskError('QUEUE_OFFLINE_EMPTY');
      throw toKioskError(e);
    }
  }

  private facts(t: Ticket) {
    const number = Number(t.label.slice(2));
    return { portalId: t.id, number, day: vnDateKey(new Date(t.issuedAt)), issuedAt: t.issuedAt, ahead: t.ahead, estimatedWaitMinutes: t.estimatedWaitMinutes, statusUrl: t.statusUrl };
  }

  private refusal(e: unknown): KioskError {
    if (e instanceof PortalCallError) {
      if (e.portalCode === 'QUEUE_NOT_OFFERED') return new KioskError('QUEUE_NOT_OFFERED');
      // The portal's sentence names the closing time.
      if (e.portalCode === 'QUEUE_CLOSED') return new KioskError('QUEUE_CLOSED', e.message);
    }
    return toKioskError(e);
  }
}
