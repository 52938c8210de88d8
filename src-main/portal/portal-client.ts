import type { AxiosInstance, AxiosResponse } from 'axios';
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
import { KioskDeviceSessionSchema } from '../../src-shared/portal-kiosk-api.js';
import { FLEET_PATH, FleetListSchema, HEARTBEAT_PATH, HeartbeatAcceptedSchema, type FleetList, type KioskHeartbeat } from '../../src-shared/portal-fleet-api.js';
import { CaptchaResponseSchema, OtpChallengeResponseSchema, SessionResponseSchema, type SessionResponse } from '../../src-shared/portal-auth-api.js';
// The seam toward the UI speaks the kiosk contract's records; the reference portal's wire schemas parse into them.
import type { ApplicationFullView } from '../../src-shared/kiosk-contract/applications.js';
import type { CaptchaResponse, LoginRequest, OtpChallengeResponse } from '../../src-shared/kiosk-contract/login.js';
import type { RatingCriteria, SupplementRequestView, Worklist } from '../../src-shared/kiosk-contract/officer.js';
import { PaymentQuoteSchema, type PaymentQuote } from '../../src-shared/portal-applications-api.js';
import { ProceduresPageSchema, type ProceduresPage } from '../../src-shared/portal-api.js';
import {
  CertChallengeResponseSchema,
  CertVerifyResponseSchema,
  type CertChallengeResponse,
  type CertVerifyRequest,
} from '../../src-shared/portal-auth-api.js';
import {
  NumberBlockSchema,
  QueueCentreSchema,
  QueueFiguresSchema,
  TicketSchema,
  type NumberBlock,
  type QueueCentre,
  type QueueFigures,
  type Ticket,
} from '../../src-shared/portal-queue-api.js';
import { createPortalHttp, type ReachabilityListener } from './portal-http.js';
import { INVALID_ANSWER, PortalCallError, toPortalCallError } from './portal-error.js';
import { ApplicationFullViewSchema, ApplicationLookupSchema, type ApplicationLookup } from '../../src-shared/portal-applications-api.js';
import {
  ON_BEHALF_OF_HEADER,
  AcceptedSchema,
  KIOSK_ID_HEADER,
  RatingCriteriaSchema,
  RatingSavedSchema,
  RejectedSchema,
  ReturnedSchema,
  SupplementReceivedSchema,
  SupplementRequestedSchema,
  SupplementRequestViewSchema,
  WorklistSchema,
  type AcceptRequest,
  type Accepted,
  type ProcessingStep,
  type RatingSaved,
  type RatingSubmission,
  type RejectRequest,
  type Rejected,
  type ReturnRequest,
  type Returned,
  type SupplementDetails,
  type SupplementReceived,
  type SupplementRequestBody,
  type SupplementRequested,
  type WorklistQuery,
} from '../../src-shared/portal-officer-api.js';
import { z } from 'zod';

/**
 * The kiosk's view of the central portal: the one gateway. What reaches the
 * UI is typed in the kiosk contract's records (src-shared/kiosk-contract/),
 * so another portal's adapter stands in by implementing this interface and
 * mapping its own wire format to them; HttpPortalClient is the reference
 * portal's.
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
  /** The counter officer's work, each call with the officer's own session (`token`) and this kiosk named for the audit. */
  officerWorklist(token: string, q: WorklistQuery): Promise<Worklist>;
  officerApplication(token: string, code: string): Promise<ApplicationFullView>;
  officerAttachment(token: string, code: string, sha256: string): Promise<{ mime: string; bytes: Uint8Array }>;
  acceptApplication(token: string, code: string, body: AcceptRequest): Promise<Accepted>;
  requestSupplement(token: string, code: string, body: SupplementRequestBody): Promise<SupplementRequested>;
  rejectApplication(token: string, code: string, body: RejectRequest): Promise<Rejected>;
  processingStep(token: string, code: string, step: 'start-processing' | 'finish-processing', body: ProcessingStep): Promise<ApplicationFullView>;
  returnResult(token: string, code: string, body: ReturnRequest): Promise<Returned>;
  /** An application as a signed-in person may see it (full for its owner, public otherwise). */
  applicationAs(token: string, code: string): Promise<ApplicationLookup>;
  /** The latest "Yêu cầu bổ sung" of an application, for its owner or an officer of the agency. */
  supplementRequest(token: string, code: string): Promise<SupplementRequestView>;
  /** "Gửi bổ sung", sent by the outbox with the kiosk's session; the same key always gets the same answer. */
  submitSupplement(s: OutgoingSupplement): Promise<SupplementReceived>;
  ratingCriteria(): Promise<RatingCriteria>;
  /** One rating per application: with the owner's session, or the one-time token from the return (then `token` is null). */
  submitRating(code: string, body: RatingSubmission, token: string | null): Promise<RatingSaved>;
  /** Business login with a signing certificate: the challenge to sign, then the signature for a session. */
  certChallenge(): Promise<CertChallengeResponse>;
  certVerify(request: CertVerifyRequest): Promise<SessionResponse>;
  /** "Fleet": this kiosk is alive, with its queue, devices and disk (the kiosk's device session). */
  sendHeartbeat(h: KioskHeartbeat): Promise<void>;
  /** The portal's kiosks with their last heartbeat and flags: a portal administrator's own session. */
  fleetList(token: string): Promise<FleetList>;
  /**
   * The queue of a one-stop centre ("Lấy số thứ tự"), with the kiosk's own
   * device session: a ticket names nobody, so no citizen signs in.
   */
  queueCentre(agencyCode: string): Promise<QueueCentre>;
  takeTicket(agencyCode: string, body: { area: string; priority: boolean }): Promise<Ticket>;
  /** Numbers only this kiosk may give out while the portal is out of reach. */
  reserveNumbers(agencyCode: string, body: { area: string; size: number }): Promise<NumberBlock>;
  /** A ticket given out from a reserved block; sending it again gives the same ticket. */
  reportOfflineTicket(agencyCode: string, body: { area: string; priority: boolean; number: number; issuedAt: string }): Promise<Ticket>;
  /** Hears after every call whether the portal answered; returns the unsubscribe. */
  onReachability(listener: ReachabilityListener): () => void;

  // The counter's queue ("Gọi số tiếp theo" …): the officer's own session; the portal takes the centre from it.
  counterServing(token: string, counter: number): Promise<Ticket | null>;
  callNextTicket(token: string, counter: number): Promise<Ticket>;
  actOnTicket(token: string, ticketId: string, action: 'recall' | 'absent' | 'complete', counter: number): Promise<Ticket>;
  transferTicket(token: string, ticketId: string, counter: number, toCounter: number): Promise<Ticket>;
  queueFigures(token: string, day?: string): Promise<QueueFigures>;
}

/** One attachment as sent in the multipart body. */
export interface OutgoingFile {
  componentId: string;
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

export interface OutgoingSupplement {
  idempotencyKey: string;
  code: string;
  details: SupplementDetails;
  files: OutgoingFile[];
}

export interface OutgoingSubmission {
  idempotencyKey: string;
  application: ApplicationSubmissionInput;
  files: OutgoingFile[];
  /** The receiving officer's own portal session (assisted counter), forwarded so the portal records and audits them. */
  onBehalfOf?: string;
}

/** How this kiosk proves itself to the portal (a device enrolled with the portal). */
export interface KioskCredentials {
  kioskId: string;
  kioskKey: string;
  /** Sent with the device key so a training portal on another machine enrols this kiosk (ignored once enrolled). */
  enrolmentCode?: string;
}

/** The portal's multipart body: the JSON part, then each file as `doc:<componentId>`. */
function multipart(json: unknown, files: OutgoingFile[]): FormData {
  const form = new FormData();
  form.append(APPLICATION_PART, JSON.stringify(json));
  for (const f of files) form.append(`${DOCUMENT_PART_PREFIX}${f.componentId}`, new Blob([Buffer.from(f.bytes)], { type: f.mime }), f.fileName);
  return form;
}

type Parser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

/** Per-call timeout of the signing-device calls (certificate login, remote signing), as short as a person waits at the token. */
const DEVICE_CALL_TIMEOUT_MS = 10_000;

/**
 * The one gateway to the portal: every call goes through one axios
 * instance, fails as a PortalCallError, and tells the reachability
 * listeners how it went.
 */
export class HttpPortalClient implements PortalClient {
  private http: AxiosInstance;
  private url: string;
  private readonly reachabilityListeners = new Set<ReachabilityListener>();
  private token: { value: string; expiresAt: number } | null = null;
  /** Uploads and downloads of documents (up to 30 MB) on a slow commune line. */
  private readonly transferTimeoutMs: number;
  private readonly timeoutMs: number;

  constructor(
    baseUrl: string,
    private readonly credentials: KioskCredentials | null = null,
    opts: { timeoutMs?: number; transferTimeoutMs?: number } = {},
  ) {
    this.transferTimeoutMs = opts.transferTimeoutMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.url = baseUrl;
    this.http = this.httpFor(baseUrl);
  }

  get baseUrl(): string {
    return this.url;
  }

  /**
   * "Quản trị kiosk" changed the portal: later calls go to the new one. The
   * kiosk's session belonged to the old portal, so it is dropped; a call
   * already in flight finishes against the old address.
   */
  repoint(baseUrl: string): void {
    this.http = this.httpFor(baseUrl);
    this.url = baseUrl;
    this.token = null;
  }

  private httpFor(baseUrl: string): AxiosInstance {
    return createPortalHttp(baseUrl, this.timeoutMs, (reachable) => {
      for (const l of this.reachabilityListeners) l(reachable);
    });
  }

  onReachability(listener: ReachabilityListener): () => void {
    this.reachabilityListeners.add(listener);
    return () => this.reachabilityListeners.delete(listener);
  }

  /** An answer checked against its schema; `invalid` says what came back in the wrong shape. */
  private async parsed<T>(request: Promise<AxiosResponse<unknown>>, schema: Parser<T>, invalid: string = INVALID_ANSWER): Promise<T> {
    try {
      const res = await request;
      const parsed = schema.safeParse(res.data);
      if (!parsed.success) throw new PortalCallError('invalid-answer', res.status, null, invalid);
      return parsed.data;
    } catch (e) {
      throw toPortalCallError(e);
    }
  }

  private post<T>(url: string, body: unknown, schema: Parser<T>, headers: Record<string, string> = {}): Promise<T> {
    return this.parsed(this.http.post<unknown>(url, body, { headers }), schema);
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

  /**
   * An officer action: the officer's session, and this kiosk named for the
   * audit. A kiosk the portal does not know yet (400 UNKNOWN_KIOSK) enrols
   * with its device key first, then the action is sent once more.
   */
  private async asOfficer<T>(token: string, fn: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    const headers = { Authorization: `Bearer ${token}`, ...(this.credentials ? { [KIOSK_ID_HEADER]: this.credentials.kioskId } : {}) };
    try {
      return await fn(headers);
    } catch (e) {
      const err = toPortalCallError(e);
      if (err.portalCode !== 'UNKNOWN_KIOSK' || !this.credentials) throw err;
      await this.kioskToken();
      return fn(headers);
    }
  }

  officerWorklist(token: string, q: WorklistQuery): Promise<Worklist> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) query.set(k, String(v));
    return this.asOfficer(token, (h) => this.getValidated(`/officer/worklist?${query.toString()}`, WorklistSchema, 'Danh sách hồ sơ chờ tiếp nhận', h));
  }

  officerApplication(token: string, code: string): Promise<ApplicationFullView> {
    return this.asOfficer(token, (h) => this.getValidated(`/applications/${encodeURIComponent(code)}`, ApplicationFullViewSchema, 'Thông tin hồ sơ', h));
  }

  officerAttachment(token: string, code: string, sha256: string): Promise<{ mime: string; bytes: Uint8Array }> {
    return this.asOfficer(token, async (headers) => {
      try {
        const res = await this.http.get<ArrayBuffer>(`/officer/applications/${encodeURIComponent(code)}/attachments/${encodeURIComponent(sha256)}`, {
          headers,
          responseType: 'arraybuffer',
          timeout: this.transferTimeoutMs,
        });
        return { mime: String(res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '', bytes: new Uint8Array(res.data) };
      } catch (e) {
        throw toPortalCallError(e);
      }
    });
  }

  private officerAction<T>(token: string, code: string, action: string, body: unknown, schema: Parser<T>): Promise<T> {
    return this.asOfficer(token, (h) => this.post(`/officer/applications/${encodeURIComponent(code)}/${action}`, body, schema, h));
  }

  acceptApplication(token: string, code: string, body: AcceptRequest): Promise<Accepted> {
    return this.officerAction(token, code, 'accept', body, AcceptedSchema);
  }

  requestSupplement(token: string, code: string, body: SupplementRequestBody): Promise<SupplementRequested> {
    return this.officerAction(token, code, 'request-supplement', body, SupplementRequestedSchema);
  }

  rejectApplication(token: string, code: string, body: RejectRequest): Promise<Rejected> {
    return this.officerAction(token, code, 'reject', body, RejectedSchema);
  }

  processingStep(token: string, code: string, step: 'start-processing' | 'finish-processing', body: ProcessingStep): Promise<ApplicationFullView> {
    return this.officerAction(token, code, step, body, ApplicationFullViewSchema);
  }

  returnResult(token: string, code: string, body: ReturnRequest): Promise<Returned> {
    return this.officerAction(token, code, 'return', body, ReturnedSchema);
  }

  applicationAs(token: string, code: string): Promise<ApplicationLookup> {
    return this.getValidated(`/applications/${encodeURIComponent(code)}`, ApplicationLookupSchema, 'Thông tin hồ sơ', { Authorization: `Bearer ${token}` });
  }

  supplementRequest(token: string, code: string): Promise<SupplementRequestView> {
    return this.getValidated(`/applications/${encodeURIComponent(code)}/supplement-request`, SupplementRequestViewSchema, 'Yêu cầu bổ sung', {
      Authorization: `Bearer ${token}`,
    });
  }

  submitSupplement(s: OutgoingSupplement): Promise<SupplementReceived> {
    return this.withKioskSession((auth) =>
      this.parsed(
        this.http.post<unknown>(`/applications/${encodeURIComponent(s.code)}/supplements`, multipart(s.details, s.files), {
          headers: { ...auth, [IDEMPOTENCY_KEY_HEADER]: s.idempotencyKey },
          timeout: this.transferTimeoutMs,
        }),
        SupplementReceivedSchema,
        'Cổng dịch vụ công trả lời không đúng định dạng khi nhận hồ sơ bổ sung.',
      ),
    );
  }

  ratingCriteria(): Promise<RatingCriteria> {
    return this.getValidated('/ratings/criteria', RatingCriteriaSchema, 'Tiêu chí đánh giá');
  }

  submitRating(code: string, body: RatingSubmission, token: string | null): Promise<RatingSaved> {
    return this.post(`/applications/${encodeURIComponent(code)}/rating`, body, RatingSavedSchema, token ? { Authorization: `Bearer ${token}` } : {});
  }

  certChallenge(): Promise<CertChallengeResponse> {
    return this.parsed(
      this.http.post<unknown>('/auth/cert/challenge', {}, { timeout: DEVICE_CALL_TIMEOUT_MS }),
      CertChallengeResponseSchema,
      'Chuỗi xác thực từ Cổng dịch vụ công không đúng định dạng.',
    );
  }

  certVerify(request: CertVerifyRequest): Promise<SessionResponse> {
    return this.parsed(
      this.http.post<unknown>('/auth/cert/verify', request, { timeout: DEVICE_CALL_TIMEOUT_MS }),
      CertVerifyResponseSchema,
      'Phiên đăng nhập từ Cổng dịch vụ công không đúng định dạng.',
    );
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
    const session = await this.parsed(this.http.post<unknown>('/auth/kiosk', this.credentials), KioskDeviceSessionSchema, 'Phiên làm việc của kiosk không đúng định dạng.');
    this.token = { value: session.token, expiresAt: Date.parse(session.expiresAt) };
    return this.token.value;
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

  async sendHeartbeat(h: KioskHeartbeat): Promise<void> {
    await this.withKioskSession((auth) => this.post(HEARTBEAT_PATH, h, HeartbeatAcceptedSchema, auth));
  }

  fleetList(token: string): Promise<FleetList> {
    return this.getValidated(FLEET_PATH, FleetListSchema, 'Danh sách kiosk', { Authorization: `Bearer ${token}` });
  }

  submitApplication(s: OutgoingSubmission): Promise<ApplicationCreated> {
    return this.withKioskSession((auth) =>
      this.parsed(
        this.http.post<unknown>('/applications', multipart(s.application, s.files), {
          headers: { ...auth, [IDEMPOTENCY_KEY_HEADER]: s.idempotencyKey, ...(s.onBehalfOf ? { [ON_BEHALF_OF_HEADER]: s.onBehalfOf } : {}) },
          timeout: this.transferTimeoutMs,
        }),
        ApplicationCreatedSchema,
        'Cổng dịch vụ công trả lời không đúng định dạng khi nhận hồ sơ.',
      ),
    );
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

  private getValidated<T>(url: string, schema: Parser<T>, what: string, headers: Record<string, string> = {}): Promise<T> {
    return this.parsed(this.http.get<unknown>(url, { headers }), schema, `${what} từ Cổng dịch vụ công không đúng định dạng.`);
  }

  // ─── Queue ("Lấy số thứ tự") ───────────────────────────────────────────────

  private queuePath(agencyCode: string, rest = ''): string {
    return `/queue/centres/${encodeURIComponent(agencyCode)}${rest}`;
  }

  queueCentre(agencyCode: string): Promise<QueueCentre> {
    return this.getValidated(this.queuePath(agencyCode), QueueCentreSchema, 'Hàng đợi của bộ phận một cửa');
  }

  takeTicket(agencyCode: string, body: { area: string; priority: boolean }): Promise<Ticket> {
    return this.withKioskSession((auth) => this.post(this.queuePath(agencyCode, '/tickets'), body, TicketSchema, auth));
  }

  reserveNumbers(agencyCode: string, body: { area: string; size: number }): Promise<NumberBlock> {
    return this.withKioskSession((auth) => this.post(this.queuePath(agencyCode, '/blocks'), body, NumberBlockSchema, auth));
  }

  reportOfflineTicket(agencyCode: string, body: { area: string; priority: boolean; number: number; issuedAt: string }): Promise<Ticket> {
    return this.withKioskSession((auth) => this.post(this.queuePath(agencyCode, '/offline-tickets'), body, TicketSchema, auth));
  }

  async fetchProcedures(q: { since: number; page: number; pageSize: number }): Promise<ProceduresPage> {
    const query = new URLSearchParams({ since: String(q.since), page: String(q.page), pageSize: String(q.pageSize) });
    return this.getValidated(`/procedures?${query.toString()}`, ProceduresPageSchema, 'Danh mục thủ tục');
  }

  // ---- The counter's queue (issue 15): each call with the officer's own session and this kiosk named. ----

  counterServing(token: string, counter: number): Promise<Ticket | null> {
    return this.asOfficer(token, async (h) => (await this.getValidated(`/officer/queue/counters/${counter}`, CounterServingSchema, 'Số quầy đang phục vụ', h)).serving);
  }

  callNextTicket(token: string, counter: number): Promise<Ticket> {
    return this.asOfficer(token, (h) => this.post('/officer/queue/next', { counter }, TicketSchema, h));
  }

  actOnTicket(token: string, ticketId: string, action: 'recall' | 'absent' | 'complete', counter: number): Promise<Ticket> {
    return this.asOfficer(token, (h) => this.post(`/officer/queue/tickets/${encodeURIComponent(ticketId)}/${action}`, { counter }, TicketSchema, h));
  }

  transferTicket(token: string, ticketId: string, counter: number, toCounter: number): Promise<Ticket> {
    return this.asOfficer(token, (h) => this.post(`/officer/queue/tickets/${encodeURIComponent(ticketId)}/transfer`, { counter, toCounter }, TicketSchema, h));
  }

  queueFigures(token: string, day?: string): Promise<QueueFigures> {
    const query = day ? `?${new URLSearchParams({ day }).toString()}` : '';
    return this.asOfficer(token, (h) => this.getValidated(`/officer/queue/figures${query}`, QueueFiguresSchema, 'Số liệu hàng đợi', h));
  }
}

const CounterServingSchema = z.object({ serving: TicketSchema.nullable() });
