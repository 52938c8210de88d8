import type { Generated } from 'kysely';

/** Supplement requests, returns of results and satisfaction ratings (owned by the officer feature). */
export interface OfficerTables {
  supplement_requests: {
    id: Generated<number>;
    application_id: number;
    /** 'reception': asked before acceptance; 'processing': asked while processing. */
    stage: 'reception' | 'processing';
    /** [{ componentId, reason|null }] */
    components_json: string;
    note: string;
    requested_at: string;
    requested_by_account_id: number;
    requested_by_name: string;
    kiosk_id: string | null;
    /** 'open' → 'supplemented' (the citizen sent it) → 'closed' (the officer decided after it). */
    state: 'open' | 'supplemented' | 'closed';
    supplemented_at: string | null;
    closed_at: string | null;
  };
  application_returns: {
    application_id: number;
    returned_at: string;
    returned_by_account_id: number;
    returned_by_name: string;
    kiosk_id: string | null;
    recipient_kind: 'applicant' | 'authorised';
    recipient_name: string;
    recipient_citizen_id: string;
    recipient_note: string | null;
    fees_collected: number;
  };
  rating_tokens: {
    /** sha256 of the token handed out at the return; the token itself is never stored. */
    token_hash: string;
    application_id: number;
    expires_at: string;
    used_at: string | null;
  };
  ratings: {
    id: Generated<number>;
    application_id: number;
    agency_code: string;
    /** The officer who accepted the application (the one rated). */
    officer_account_id: number | null;
    officer_name: string | null;
    /** { criterionId: score } */
    scores_json: string;
    comment: string | null;
    /** 'account': the owner's or applicant's session; 'token': the one-time token from the return. */
    via: 'account' | 'token';
    rated_at: string;
  };
}
