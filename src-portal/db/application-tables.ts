import type { Generated } from 'kysely';

/** Applications, attachments, idempotency, statuses, payments, holidays (owned by the submissions feature). */
export interface ApplicationTables {
  applications: {
    id: Generated<number>;
    /** mã hồ sơ, e.g. 000.00.53.H48-260302-0001 */
    code: string;
    agency_code: string;
    agency_name: string;
    /** Vietnam calendar day of receipt, 'YYYY-MM-DD': the counter's day. */
    seq_day: string;
    seq: number;
    procedure_code: string;
    procedure_name: string;
    processing_days: number;
    channel: string;
    /** 1–10, national status codes. */
    status: number;
    applicant_name: string;
    applicant_citizen_id: string;
    /** The whole applicant block as JSON. */
    applicant_json: string;
    fields_json: string;
    /** Account that sent the request: citizen, business, officer at the counter, or a kiosk device. */
    submitted_by_account_id: number;
    /** Citizen/business account the application belongs to; null when an officer or a kiosk device sent it. */
    owner_account_id: number | null;
    /** Officer who received on the applicant's behalf. */
    received_by_account_id: number | null;
    received_by_name: string | null;
    kiosk_id: string | null;
    /** Queue ticket label of the walk-in ("Số thứ tự", e.g. B-015), migration 0008; null without one. */
    queue_ticket: string | null;
    idempotency_key: string;
    received_at: string;
    appointment_at: string;
    fee_items_json: string;
    fee_total: number;
    payment_status: string;
    paid_at: string | null;
    updated_at: string;
  };
  application_counters: {
    agency_code: string;
    day: string;
    last_seq: number;
  };
  application_attachments: {
    id: Generated<number>;
    application_id: number;
    component_id: string;
    sha256: string;
    size: number;
    mime: string;
    original_name: string;
    position: number;
  };
  application_status_history: {
    id: Generated<number>;
    application_id: number;
    from_status: number | null;
    to_status: number;
    actor_account_id: number | null;
    actor_role: string;
    actor_name: string;
    note: string | null;
    at: string;
    /** Kiosk the actor worked through (migration 0005); null online or at the portal itself. */
    kiosk_id: string | null;
  };
  idempotency_keys: {
    key: string;
    /** sha256 over the submitting account, the canonical JSON part and the files' hashes. */
    fingerprint: string;
    account_id: number;
    state: 'in_flight' | 'done';
    started_at: string;
    response_status: number | null;
    response_body: string | null;
    application_id: number | null;
  };
  holiday_years: {
    year: number;
    source: 'generated' | 'edited';
    updated_at: string;
  };
  holidays: {
    date: string;
    year: number;
    name: string;
    kind: string;
    /** 1 = day off; 0 = weekend day declared a working day ("làm bù"). */
    day_off: number;
  };
}
