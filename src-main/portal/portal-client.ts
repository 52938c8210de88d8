import { type AxiosInstance, isAxiosError } from 'axios';
import {
  APPLICATION_PART,
  ApplicationCreatedSchema,
  ApplicationPublicViewSchema,
  DOCUMENT_PART_PREFIX,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyLookupSchema,
  type ApplicationCreated,
  type ApplicationPublicView,
  type ApplicationSubmissionInput,
  type IdempotencyLookup,
} from '../../src-shared/portal-applications-api.js';
import { KioskSessionSchema } from '../../src-shared/portal-kiosk-api.js';
import {
  CaptchaResponseSchema,
  OtpChallengeResponseSchema,
  SessionResponseSchema,
  type CaptchaResponse,
  type LoginRequest,
  type OtpChallengeResponse,
  type SessionResponse,
} from '../../src-shared/portal-auth-api.js';
import { PaymentQuoteSchema, type PaymentQuote } from '../../src-shared/portal-applications-api.js';
import { PortalErrorSchema, ProceduresPageSchema, type ProceduresPage } from '../../src-shared/portal-api.js';
import { createPortalHttp } from './portal-http.js';

/**
 * The kiosk's view of the central portal. Written against this interface so
 * another portal's adapter can stand in for the reference one.
 */
export interface PortalClient {
  readonly baseUrl: string;
  /** One page of procedures changed since `since`. */
  fetchProcedures(q: { since: number; page: number; pageSize: number }): Promise<ProceduresPage>;
  /**
   * The public view of an application, by mã hồ sơ. `asKiosk` sends the
   * kiosk's own session (status refresh of its own applications, not
   * subject to the public rate limit); a citizen's lookup goes anonymous.
   */
  lookupApplication(code: string, opts?: { asKiosk?: boolean }): Promise<ApplicationPublicView>;
  /** Sends one application; the same key always gets the same answer. */
  submitApplication(s: OutgoingSubmission): Promise<ApplicationCreated>;
  /** Whether the portal already created the application sent with this key. */
  findByIdempotencyKey(key: string): Promise<IdempotencyLookup | null>;
  /** Cheap reachability probe. */
  health(): Promise<void>;
  /** Login on behalf of the person at the kiosk: captcha, password step, OTP, officer login, logout. */
  captcha(): Promise<CaptchaResponse>;
  login(req: LoginRequest): Promise<OtpChallengeResponse>;
  resendOtp(challengeId: string): Promise<OtpChallengeResponse>;
  verifyOtp(req: { challengeId: string; otp: string }): Promise<SessionResponse>;
  officerLogin(req: LoginRequest): Promise<SessionResponse>;
  logout(token: string): Promise<void>;
  /** Fees and VietQR of an application this kiosk sent. */
  paymentQuote(code: string): Promise<PaymentQuote>;
}

export interface OutgoingSubmission {
  idempotencyKey: string;
  application: ApplicationSubmissionInput;
  files: { componentId: string; fileName: string; mime: string; bytes: Uint8Array }[];
}

/** How this kiosk proves itself to the portal (a device enrolled with the portal). */
export interface KioskCredentials {
  kioskId: string;
  kioskKey: string;
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
    return this.kind === 'unreachable' || this.kind === 'server' || this.status === 429 || this.status === 409 || this.status === 401;
  }

  /** Seconds the portal asked us to wait (429/503 Retry-After). */
  retryAfterSeconds: number | null = null;
}

function toPortalCallError(e: unknown): PortalCallError {
  if (e instanceof PortalCallError) return e;
  if (isAxiosError(e)) {
    if (!e.response) return new PortalCallError('unreachable', null, null, 'Không kết nối được với Cổng dịch vụ công.');
    const body = PortalErrorSchema.safeParse(e.response.data);
    const status = e.response.status;
    const message = body.success ? body.data.error.message : `Cổng dịch vụ công trả lời lỗi ${status}.`;
    const err = new PortalCallError(status >= 500 ? 'server' : 'rejected', status, body.success ? body.data.error.code : null, message);
    const retryAfter = Number(e.response.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0) err.retryAfterSeconds = retryAfter;
    return err;
  }
  return new PortalCallError('invalid-answer', null, null, 'Cổng dịch vụ công trả lời không đúng định dạng.');
}

export class HttpPortalClient implements PortalClient {
  private readonly http: AxiosInstance;
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly credentials: KioskCredentials | null = null,
    opts: { timeoutMs?: number } = {},
  ) {
    this.http = createPortalHttp(baseUrl, opts.timeoutMs ?? 15_000);
  }

  private async post<T>(url: string, body: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, headers: Record<string, string> = {}): Promise<T> {
    try {
      const res = await this.http.post<unknown>(url, body, { headers });
      const parsed = schema.safeParse(res.data);
      if (!parsed.success) throw new PortalCallError('invalid-answer', res.status, null, 'Cổng dịch vụ công trả lời không đúng định dạng.');
      return parsed.data;
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  captcha(): Promise<CaptchaResponse> {
    return this.post('/auth/captcha', {}, CaptchaResponseSchema);
  }

  login(req: LoginRequest): Promise<OtpChallengeResponse> {
    return this.post('/auth/login', req, OtpChallengeResponseSchema);
  }

  resendOtp(challengeId: string): Promise<OtpChallengeResponse> {
    return this.post('/auth/otp/resend', { challengeId }, OtpChallengeResponseSchema);
  }

  verifyOtp(req: { challengeId: string; otp: string }): Promise<SessionResponse> {
    return this.post('/auth/otp/verify', req, SessionResponseSchema);
  }

  officerLogin(req: LoginRequest): Promise<SessionResponse> {
    return this.post('/auth/officer/login', req, SessionResponseSchema);
  }

  async logout(token: string): Promise<void> {
    try {
      await this.http.post('/auth/logout', {}, { headers: { Authorization: `Bearer ${token}` } });
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  paymentQuote(code: string): Promise<PaymentQuote> {
    return this.withKioskSession((auth) => this.post(`/applications/${encodeURIComponent(code)}/payment`, {}, PaymentQuoteSchema, auth));
  }

  async health(): Promise<void> {
    try {
      await this.http.get('/health', { timeout: 3000 });
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  /** The kiosk's own session; renewed a minute before it runs out, or after a 401. */
  private async kioskToken(): Promise<string> {
    if (!this.credentials) throw new PortalCallError('rejected', 401, 'KIOSK_NOT_ENROLLED', 'Kiosk chưa được cấu hình khóa thiết bị.');
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return this.token.value;
    try {
      const res = await this.http.post<unknown>('/auth/kiosk', this.credentials);
      const parsed = KioskSessionSchema.safeParse(res.data);
      if (!parsed.success) throw new PortalCallError('invalid-answer', res.status, null, 'Phiên làm việc của kiosk không đúng định dạng.');
      this.token = { value: parsed.data.token, expiresAt: Date.parse(parsed.data.expiresAt) };
      return this.token.value;
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  private async withKioskSession<T>(fn: (auth: { Authorization: string }) => Promise<T>): Promise<T> {
    try {
      return await fn({ Authorization: `Bearer ${await this.kioskToken()}` });
    } catch (e) {
      const err = toPortalCallError(e);
      if (err.status === 401) this.token = null;
      throw err;
    }
  }

  async submitApplication(s: OutgoingSubmission): Promise<ApplicationCreated> {
    return this.withKioskSession(async (auth) => {
      const form = new FormData();
      form.append(APPLICATION_PART, JSON.stringify(s.application));
      for (const f of s.files) {
        form.append(`${DOCUMENT_PART_PREFIX}${f.componentId}`, new Blob([Buffer.from(f.bytes)], { type: f.mime }), f.fileName);
      }
      const res = await this.http.post<unknown>('/applications', form, {
        headers: { ...auth, [IDEMPOTENCY_KEY_HEADER]: s.idempotencyKey },
        timeout: 60_000,
      });
      const parsed = ApplicationCreatedSchema.safeParse(res.data);
      if (!parsed.success) throw new PortalCallError('invalid-answer', res.status, null, 'Cổng dịch vụ công trả lời không đúng định dạng khi nhận hồ sơ.');
      return parsed.data;
    });
  }

  async findByIdempotencyKey(key: string): Promise<IdempotencyLookup | null> {
    try {
      return await this.withKioskSession(async (auth) => {
        const res = await this.http.get<unknown>(`/applications/by-key/${encodeURIComponent(key)}`, { headers: auth });
        return IdempotencyLookupSchema.parse(res.data);
      });
    } catch (e) {
      if (e instanceof PortalCallError && e.status === 404) return null;
      throw e;
    }
  }

  async lookupApplication(code: string, opts: { asKiosk?: boolean } = {}): Promise<ApplicationPublicView> {
    const url = `/applications/${encodeURIComponent(code)}`;
    if (!opts.asKiosk || !this.credentials) return this.getValidated(url, ApplicationPublicViewSchema, 'Thông tin hồ sơ');
    return this.withKioskSession((auth) => this.getValidated(url, ApplicationPublicViewSchema, 'Thông tin hồ sơ', auth));
  }

  private async getValidated<T>(
    url: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    what: string,
    headers: Record<string, string> = {},
  ): Promise<T> {
    try {
      const res = await this.http.get<unknown>(url, { headers });
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
