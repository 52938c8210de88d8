import crypto from 'node:crypto';
import svgCaptcha from 'svg-captcha';

const TTL_MS = 5 * 60_000;
// No 0/O, 1/I/l: a citizen at a kiosk should not have to guess which one it is.
const CHARSET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The captcha of the wizard's step 3. Made by the host rather than the
 * portal so an application can be prepared and queued while the portal is
 * down. Answers live in memory only, single use.
 */
export class WizardCaptcha {
  private readonly issued = new Map<string, { answer: string; expiresAt: number }>();

  constructor(private readonly now: () => Date) {}

  issue(): { id: string; svg: string; expiresAt: string } {
    this.sweep();
    const { data, text } = svgCaptcha.create({ size: 5, charPreset: CHARSET, noise: 2, width: 180, height: 64, fontSize: 56, background: '#ffffff' });
    const id = crypto.randomUUID();
    const expiresAt = this.now().getTime() + TTL_MS;
    this.issued.set(id, { answer: text.toUpperCase(), expiresAt });
    return { id, svg: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** True once for the right answer in time; the captcha is spent either way. */
  verify(id: string, answer: string): boolean {
    const entry = this.issued.get(id);
    this.issued.delete(id);
    if (!entry || entry.expiresAt < this.now().getTime()) return false;
    const given = Buffer.from(answer.trim().toUpperCase());
    const expected = Buffer.from(entry.answer);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  /** Training mode only: what a trainer (or an end-to-end test) reads off the screen. */
  answerOf(id: string): string | null {
    return this.issued.get(id)?.answer ?? null;
  }

  private sweep(): void {
    const t = this.now().getTime();
    for (const [id, e] of this.issued) if (e.expiresAt < t) this.issued.delete(id);
  }
}
