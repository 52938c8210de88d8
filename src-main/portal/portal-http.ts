import axios, { type AxiosInstance } from 'axios';
import { PORTAL_API_PREFIX } from '../../src-shared/portal-api.js';

/** The one way the host talks HTTP to the portal's /api/v1 (kiosk client, certificate login, remote signing). */
export function createPortalHttp(baseUrl: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: baseUrl.replace(/\/$/, '') + PORTAL_API_PREFIX,
    timeout: timeoutMs,
    headers: { Accept: 'application/json' },
  });
}
