import type { AdminAccess } from '../admin/admin-access.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import { KioskError } from '../../src-shared/errors.js';
import type { FleetRow } from '../../src-shared/kiosk-contract/fleet.js';
import type { FleetKiosk } from '../../src-shared/portal-fleet-api.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';

export interface FleetDeps {
  adminAccess: AdminAccess;
  signIn: PortalSignIn;
  portal: PortalClient;
  kioskId: string;
  now: () => Date;
}

const rowOf = (k: FleetKiosk): FleetRow => ({
  kioskId: k.kioskId,
  place: k.place,
  version: k.version,
  lastHeartbeatAt: k.receivedAt,
  queueDepth: k.queueDepth,
  oldestPendingAt: k.oldestPendingAt,
  lastSyncAt: k.lastSyncAt,
  printer: k.devices.printer,
  tokenReader: k.devices.tokenReader,
  scanner: k.devices.scanner,
  freeDiskBytes: k.freeDiskBytes,
  flags: k.flags,
});

/**
 * "Các kiosk của đơn vị": read from the portal each time the screen asks,
 * never cached, so a kiosk that went quiet shows as flagged by the portal's
 * own clock and limits, not by this kiosk's idea of them.
 */
export function fleetHandlers(deps: FleetDeps): Pick<Handlers, 'admin.fleet'> {
  return {
    'admin.fleet': async () => {
      deps.adminAccess.require();
      const token = deps.signIn.presentStaffToken();
      if (!token) throw KioskError.detailed('SIGN_IN_REQUIRED', 'NO_SHIFT_SIGN_IN');
      try {
        const list = await deps.portal.fleetList(token);
        return {
          kiosks: list.kiosks.map(rowOf),
          silentAfterSeconds: list.silentAfterSeconds,
          queueAgeLimitSeconds: list.queueAgeLimitSeconds,
          thisKioskId: deps.kioskId,
          readAt: deps.now().toISOString(),
        };
      } catch (e) {
        throw toKioskError(e);
      }
    },
  };
}
