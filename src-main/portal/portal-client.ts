import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { ApplicationPublicViewSchema, type ApplicationPublicView } from '../../src-shared/portal-applications-api.js';
import { PORTAL_API_PREFIX, PortalErrorSchema, ProceduresPageSchema, type ProceduresPage } from '../../src-shared/portal-api.js';

/**
 * The kiosk's view of the central portal. Written against this interface so
 * another portal's adapter can stand in for the reference one.
 */
export interface PortalClient {
  readonly baseUrl: string;
  /** One page of procedures changed since `since`. */
  fetchProcedures(q: { since: number; page: number; pageSize: number }): Promise<ProceduresPage>;
  /** The public view of an application, by mã hồ sơ. */
  lookupApplication(code: string): Promise<ApplicationPublicView>;
}

/** Why a portal call failed, in the terms the sync engine decides on. */
export class PortalCallError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'server' | 'rejected' | 'invalid-answer',
    readonly status: number | null,
    readonly portalCode: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'PortalCallError';
  }

  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server' || this.status === 429;
  }
}

function toPortalCallError(e: unknown): PortalCallError {
  if (e instanceof PortalCallError) return e;
  if (isAxiosError(e)) {
    if (!e.response) return new PortalCallError('unreachable', null, null, 'Không kết nối được với Cổng dịch vụ công.');
    const body = PortalErrorSchema.safeParse(e.response.data);
    const status = e.response.status;
    const message = body.success ? body.data.error.message : `Cổng dịch vụ công trả lời lỗi ${status}.`;
    return new PortalCallError(status >= 500 ? 'server' : 'rejected', status, body.success ? body.data.error.code : null, message);
  }
  return new PortalCallError('invalid-answer', null, null, 'Cổng dịch vụ công trả lời không đúng định dạng.');
}

export class HttpPortalClient implements PortalClient {
  private readonly http: AxiosInstance;

  constructor(readonly baseUrl: string, opts: { timeoutMs?: number } = {}) {
    this.http = axios.create({
      baseURL: baseUrl.replace(/\/$/, '') + PORTAL_API_PREFIX,
      timeout: opts.timeoutMs ?? 10_000,
      headers: { Accept: 'application/json' },
    });
  }

  async lookupApplication(code: string): Promise<ApplicationPublicView> {
    return this.getValidated(`/applications/${encodeURIComponent(code)}`, ApplicationPublicViewSchema, 'Thông tin hồ sơ');
  }

  private async getValidated<T>(url: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string): Promise<T> {
    try {
      const res = await this.http.get<unknown>(url);
      const parsed = schema.safeParse(res.data);
      if (!parsed.success) throw new PortalCallError('invalid-answer', res.status, null, `${what} từ Cổng dịch vụ công không đúng định dạng.`);
      return parsed.data;
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  async fetchProcedures(q: { since: number; page: number; pageSize: number }): Promise<ProceduresPage> {
    const query = new URLSearchParams({ since: String(q.since), page: String(q.page), pageSize: String(q.pageSize) });
    return this.getValidated(`/procedures?${query.toString()}`, ProceduresPageSchema, 'Danh mục thủ tục');
  }
}
