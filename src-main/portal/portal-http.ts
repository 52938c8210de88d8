import axios, { isAxiosError, type AxiosInstance } from 'axios';
import { PORTAL_API_PREFIX } from '../../src-shared/portal-api.js';

/** Told after every portal exchange whether the portal answered (true) or was away (false). */
export type ReachabilityListener = (reachable: boolean) => void;

/**
 * Any answer below 500 proves the portal is there, a refusal or an answer
 * in the wrong shape included; no answer (refused connection, reset,
 * timeout) or a 5xx counts as away, as the sync engine's retries do.
 */
function reachableAfter(e: unknown): boolean | null {
  if (!isAxiosError(e)) return null;
  return e.response !== undefined && e.response.status < 500;
}

/**
 * The host's one axios instance for the portal's /api/v1. Reachability is
 * reported here, once for every call, so no caller has to remember to.
 */
export function createPortalHttp(baseUrl: string, timeoutMs: number, onReachability: ReachabilityListener): AxiosInstance {
  const http = axios.create({
    baseURL: baseUrl.replace(/\/$/, '') + PORTAL_API_PREFIX,
    timeout: timeoutMs,
    headers: { Accept: 'application/json' },
  });
  http.interceptors.response.use(
    (res) => {
      onReachability(true);
      return res;
    },
    (e: unknown) => {
      const reachable = reachableAfter(e);
      if (reachable !== null) onReachability(reachable);
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return http;
}
