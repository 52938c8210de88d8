import type { PaymentStatus } from '../../src-shared/portal-applications-api.js';

/** What is owed is quoted by the one shared computation, src-shared/domain/fees.ts; here is what the portal records about paying it. */

export function initialPaymentStatus(total: number): PaymentStatus {
  return total > 0 ? 'chua_thanh_toan' : 'mien';
}

/** Fees no longer stand in the way of reception. */
export function feesSettled(status: PaymentStatus): boolean {
  return status !== 'chua_thanh_toan';
}
