import crypto from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import { captchaAnswerKey, captchaDrawing } from '../../src-shared/captcha-style.js';

const TTL_MS = 5 * 60_000;
// A captcha answered right at step 3 waits this long for the review at step 4 and "Đồng ý".
const VERIFIED_TTL_MS = 15 * 60_000;

/**
 * The captcha of the wizard's step 3. Made by the host rather than the
 * portal so an application can be prepared and queued while the portal is
 * down. Answers live in memory only, single use.
 *
 * Checked twice on purpose: at step 3 (`check`), so a wrong answer is told
 * where it was typed, and at the submit (`verify`), which spends it. A right
 * check leaves the captcha open for that submit, a wrong one spends it, so
 * each picture allows one guess and one application. We keep the answer
 * rather than hand out a token: the submit then carries the same id and
 * answer as before, with nothing new to forge or leak.
 */
export class WizardCaptcha {
  private readonly issued = new Map<string, { answer: string; expiresAt: number }>();

  constructor(private readonly now: () => Date) {}

  issue(): { id: string; svg: string; expiresAt: string } {
    this.sweep();
    const { data, text } = svgCaptcha.create(captchaDrawing(180, 64, 56));
    const id = crypto.randomUUID();
    const expiresAt = this.now().getTime() + TTL_MS;
    this.issued.set(id, { answer: captchaAnswerKey(text), expiresAt });
    return { id, svg: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Step 3: a right answer keeps the captcha for the submit (longer); a wrong one spends it. */
  check(id: string, answer: string): boolean {
    const entry = this.issued.get(id);
    if (!entry || !this.matches(entry, answer)) {
      this.issued.delete(id);
      return false;
    }
    entry.expiresAt = Math.max(entry.expiresAt, this.now().getTime() + VERIFIED_TTL_MS);
    return true;
  }

  /** True once for the right answer in time; the captcha is spent either way. */
  verify(id: string, answer: string): boolean {
    const entry = this.issued.get(id);
    this.issued.delete(id);
    return entry !== undefined && this.matches(entry, answer);
  }

  private matches(entry: { answer: string; expiresAt: number }, answer: string): boolean {
    if (entry.expiresAt < this.now().getTime()) return false;
    const given = Buffer.from(captchaAnswerKey(answer));
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
