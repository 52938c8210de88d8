import type { Generated } from 'kysely';

/** Accounts, captchas, OTPs, sessions, certificate challenges, SMS outbox (owned by the auth feature). */
export interface AuthTables {
  accounts: {
    id: Generated<number>;
    /** 'kiosk': an enrolled kiosk device (username = kiosk id, password_hash = its device key). */
    role: 'citizen' | 'business' | 'officer' | 'kiosk';
    /** Login key: CCCD/CMND for citizens, staff username for officers, MST for businesses. */
    username: string;
    /** Full name (citizen/officer) or company name (business). */
    display_name: string;
    /** `scrypt$N$r$p$salt$hash`; null for business accounts (they log in with a certificate). */
    password_hash: string | null;
    citizen_id: string | null;
    tax_code: string | null;
    agency_code: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    /** yyyy-MM-dd */
    birth_date: string | null;
    /** 1 for the training-mode demo accounts (never allowed to log in in production). */
    is_demo: number;
    disabled: number;
    /** ISO time until which password login is refused after repeated failures. */
    locked_until: string | null;
    created_at: string;
    /** 1 for officers who may use /api/v1/admin/* (holiday table, kiosk enrolment). */
    is_admin: Generated<number>;
  };
  login_failures: {
    id: Generated<number>;
    account_id: number;
    at: string;
    /** 1 while the password it stands for is still being checked (the slot is claimed first, see auth/lockout.ts). */
    pending: Generated<number>;
  };
  captchas: {
    id: string;
    /** sha256 of `${id}:${answer lower-cased}`. */
    answer_hash: string;
    /** Plain answer, kept only in training mode for GET /api/v1/dev/captcha/:id. */
    training_answer: string | null;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  otp_challenges: {
    id: string;
    account_id: number;
    /** sha256 of `${id}:${code}`; replaced on resend so the old code stops working. */
    code_hash: string;
    attempts: number;
    resends: number;
    expires_at: string;
    resend_available_at: string;
    /** Hard end of the challenge, resends included. */
    closes_at: string;
    consumed_at: string | null;
    created_at: string;
  };
  cert_challenges: {
    id: string;
    /** base64 of the random bytes the certificate's key must sign. */
    nonce: string;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  sessions: {
    /** Public id (in Principal.sessionId); the bearer token itself is stored only as a hash. */
    id: string;
    token_hash: string;
    account_id: number;
    created_at: string;
    /** Sliding idle expiry, never past `max_expires_at`. */
    expires_at: string;
    max_expires_at: string;
    revoked_at: string | null;
  };
  sms_outbox: {
    id: Generated<number>;
    to_phone: string;
    body: string;
    created_at: string;
  };
}
