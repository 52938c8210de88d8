import { KioskEventSchema, type CallInput, type CallName, type CallOutput, type KioskEvent } from '../../src-shared/kiosk-api.js';
import type { ErrorCode, FieldIssue } from '../../src-shared/errors.js';
import type { KioskHostBridge } from '../../src-shared/host-bridge.js';
import { hostBridge } from './transport.js';

export class KioskCallError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** The portal's own code when it refused (OTP_WRONG, CAPTCHA_EXPIRED…), for the UI to react to. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KioskCallError';
  }
}

/** The typed kiosk API for the UI: the only way the renderer reaches the host. */
export class KioskClient {
  constructor(private readonly bridge: KioskHostBridge) {}

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await this.bridge.invoke(name, input);
    if (result.ok) return result.data as CallOutput<N>;
    throw new KioskCallError(result.error.code, result.error.message, result.error.issues ?? [], result.error.reason);
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
