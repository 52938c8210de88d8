import type { AccountSummary } from '../../src-shared/portal-auth-api.js';
import type { Account } from './accounts.js';
import { maskPhone } from './identifiers.js';

/** What the owner of a session is shown about their account (phone masked), and what prefills their own forms. */
export function accountSummary(account: Account): AccountSummary {
  switch (account.role) {
    case 'citizen':
      return {
        role: 'citizen',
        displayName: account.displayName,
        citizenId: account.citizenId,
        phoneMasked: maskPhone(account.phone),
        phone: account.phone,
        ...(account.address ? { address: account.address } : {}),
      };
    case 'business':
      return {
        role: 'business',
        displayName: account.displayName,
        taxCode: account.taxCode,
        ...(account.phone ? { phoneMasked: maskPhone(account.phone) } : {}),
      };
    case 'officer':
      return { role: 'officer', displayName: account.displayName, agencyCode: account.agencyCode, ...(account.isAdmin ? { isAdmin: true as const } : {}) };
    case 'kiosk':
      return { role: 'kiosk', displayName: account.displayName };
  }
}
