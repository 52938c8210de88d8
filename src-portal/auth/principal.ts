import type { FastifyRequest } from 'fastify';

/** Who is calling: resolved from the bearer token by the auth feature. */
/** 'kiosk': a kiosk device sending applications it received (see auth/kiosk-device.ts). */
export type Role = 'citizen' | 'business' | 'officer' | 'kiosk';

export interface Principal {
  sessionId: string;
  accountId: number;
  role: Role;
  /** Full name (citizen/officer) or company name (business). */
  displayName: string;
  /** CCCD/CMND of a citizen account. */
  citizenId?: string;
  /** Mã số thuế of a business account. */
  taxCode?: string;
  /** Electronic identifier code of an officer's agency (e.g. 000.00.53.H48). */
  agencyCode?: string;
  /** An officer who administers the portal: /api/v1/admin/* (see auth/admin.ts). */
  isAdmin?: true;
}

/** The contract other features use to check sessions (implemented in auth/). */
export interface SessionService {
  /** Opens a session for an account and returns its bearer token. */
  issue(accountId: number): Promise<{ token: string; expiresAt: string }>;
  /** The principal behind `Authorization: Bearer …`, or null when absent/invalid/expired/revoked. */
  fromRequest(req: FastifyRequest): Promise<Principal | null>;
  /** Like fromRequest, but answers 401 (no/invalid session) or 403 (role not allowed) with Vietnamese messages. */
  require(req: FastifyRequest, roles?: readonly Role[]): Promise<Principal>;
  revoke(sessionId: string): Promise<void>;
}
