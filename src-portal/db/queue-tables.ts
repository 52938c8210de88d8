import type { Generated } from 'kysely';

/** The one-stop centres' queues (owned by src-portal/queue). No column holds personal data. */
export interface QueueTables {
  queue_tickets: {
    id: string;
    agency_code: string;
    /** Vietnam calendar day, 'YYYY-MM-DD': numbers start again each day. */
    day: string;
    area: string;
    number: number;
    priority: number;
    /** waiting | called | done | cancelled | expired */
    status: string;
    /** The counter calling/serving it, or the one it was transferred to while waiting. */
    counter: number | null;
    /** Order in the line: the time it joined, or rejoined after a miss. */
    queued_at: string;
    issued_at: string;
    first_called_at: string | null;
    called_at: string | null;
    completed_at: string | null;
    misses: number;
    /** The kiosk that printed it (null: taken on the portal). */
    kiosk_id: string | null;
    /** portal | offline (from a kiosk's reserved block, reconciled later) */
    source: string;
  };
  /** The last number given out per centre, area and day (blocks reserved by kiosks included). */
  queue_counters: {
    agency_code: string;
    day: string;
    area: string;
    last_number: number;
  };
  queue_blocks: {
    id: Generated<number>;
    agency_code: string;
    day: string;
    area: string;
    kiosk_id: string;
    first_number: number;
    last_number: number;
  };
  /** What the display board announces, in order. */
  queue_calls: {
    seq: Generated<number>;
    agency_code: string;
    ticket_id: string;
    label: string;
    counter: number;
    recall: number;
    at: string;
  };
}
