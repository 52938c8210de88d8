import { KioskEventSchema, type CallInput, type CallName, type CallOutput, type KioskEvent } from '../../src-shared/kiosk-api.js';
import type { ErrorCode, FieldIssue, KioskErrorBody } from '../../src-shared/errors.js';
import type { KioskHostBridge } from '../../src-shared/host-bridge.js';
import { hostBridge } from './transport.js';
import { wordError, wordIssue } from './error-wording.js';

/**
 * A refusal of the host, worded in the language on screen when it arrives:
 * `message` and each issue's `message` are what the UI shows.
 */
export class KioskCallError extends Error {
  readonly issues: FieldIssue[];
  /** The portal's own code when it refused (OTP_WRONG, CAPTCHA_EXPIRED…), for the UI to react to. */
  readonly reason: string | undefined;

  constructor(
    readonly code: ErrorCode | string,
    body: Omit<KioskErrorBody, 'code' | 'message'> & { message?: string } = {},
  ) {
    super(wordError({ code, message: body.message ?? '', detail: body.detail, params: body.params }));
    this.name = 'KioskCallError';
    this.issues = (body.issues ?? []).map((i) => ({ ...i, message: wordIssue(i) }));
    this.reason = body.reason;
  }
}

/** The typed kiosk API for the UI: the only way the renderer reaches the host. */
export class KioskClient {
  constructor(private readonly bridge: KioskHostBridge) {}

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await this.bridge.invoke(name, input);
    if (result.ok) return result.data as CallOutput<N>;
    throw new KioskCallError(result.error.code, result.error);
  }

  onEvent(listener: (e: KioskEvent) => void): () => void {
    return this.bridge.onEvent((raw) => {
      const parsed = KioskEventSchema.safeParse(raw);
      if (parsed.success) listener(parsed.data);
    });
  }
}

let client: KioskClient | null = null;

export function kiosk(): KioskClient {
  client ??= new KioskClient(hostBridge());
  return client;
}
