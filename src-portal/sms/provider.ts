import type { Kysely } from 'kysely';
import type { PortalDb } from '../db/tables.js';

export interface SmsMessage {
  /** Normalised Vietnamese mobile number, 10 digits. */
  to: string;
  body: string;
}

/**
 * Where the portal's text messages go. A real deployment plugs in a gateway
 * (brandname SMS); the built-in provider keeps them in the `sms_outbox`
 * table, which training mode and tests read through GET /api/v1/dev/sms.
 */
export interface SmsProvider {
  send(message: SmsMessage): Promise<void>;
}

export function createOutboxSmsProvider(db: Kysely<PortalDb>, now: () => Date): SmsProvider {
  return {
    async send({ to, body }) {
      await db.insertInto('sms_outbox').values({ to_phone: to, body, created_at: now().toISOString() }).execute();
    },
  };
}

export interface OutboxMessage {
  id: number;
  to: string;
  body: string;
  createdAt: string;
}

/** Newest first; only one recipient when `to` is given. */
export async function readOutbox(db: Kysely<PortalDb>, options: { to?: string; limit: number }): Promise<OutboxMessage[]> {
  let q = db.selectFrom('sms_outbox').select(['id', 'to_phone', 'body', 'created_at']);
  if (options.to) q = q.where('to_phone', '=', options.to);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({ id: r.id, to: r.to_phone, body: r.body, createdAt: r.created_at }));
}
