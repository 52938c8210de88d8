import { isAxiosError } from 'axios';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { DeviceError } from './device-errors.js';

/** A failed portal call made for a signing device, as a DeviceError keeping the portal's words and code. */
export function devicePortalError(e: unknown): DeviceError {
  if (e instanceof DeviceError) return e;
  if (isAxiosError(e)) {
    if (!e.response) return new DeviceError('PORTAL_UNREACHABLE');
    const body = PortalErrorSchema.safeParse(e.response.data);
    if (body.success) return new DeviceError('PORTAL_REJECTED', body.data.error.message, { portalCode: body.data.error.code });
    return new DeviceError('PORTAL_REJECTED', `Cổng dịch vụ công trả lời lỗi ${e.response.status}.`);
  }
  return new DeviceError('PORTAL_REJECTED', 'Cổng dịch vụ công trả lời không đúng định dạng.');
}
