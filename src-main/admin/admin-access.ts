import { KioskError } from '../../src-shared/errors.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { Audit } from '../store/store.js';

/** Wrong PINs or non-admin attempts in a row before "Quản trị kiosk" stops answering for a while. */
export const ADMIN_MAX_FAILURES = 3;
export const ADMIN_BLOCK_MS = 5 * 60_000;

/**
 * Who may use "Quản trị kiosk": the officer at the counter, an administrator
 * on the portal, who typed the shift PIN again. Failures count for the kiosk,
 * not per account, so trying one account after another gains nothing.
 */
export class AdminAccess {
  private failures = 0;
  private blockedUntil = 0;
  /** The portal session the screen was opened with: a new shift must open it again. */
  private openedWith: string | null = null;

  constructor(
    private readonly signIn: PortalSignIn,
    private readonly audit: Audit,
    private readonly now: () => Date,
  ) {}

  async open(pin: string): Promise<void> {
    const who = `staff:${this.signIn.presentStaffUsername() ?? '-'}`;
    this.refuseWhileBlocked();
    if (!this.signIn.presentStaffIsAdmin()) {
      this.fail(who, 'admin.refused.role');
      throw new KioskError('FORBIDDEN', `Tài khoản này không có quyền quản trị kiosk. ${this.triesLeftSentence()}`);
    }
    if (!(await this.signIn.pinMatches(pin))) {
      this.fail(who, 'admin.refused.pin');
      throw new KioskError('STAFF_PIN_WRONG', `Mã PIN ca làm việc không đúng. ${this.triesLeftSentence()}`);
    }
    this.failures = 0;
    this.openedWith = this.signIn.presentStaffToken();
    this.audit.record(who, 'admin.open');
  }

  /** Every admin call but `admin.open` passes here first. */
  require(): string {
    const token = this.signIn.presentStaffToken();
    const username = this.signIn.presentStaffUsername();
    if (token === null || username === null || token !== this.openedWith || !this.signIn.presentStaffIsAdmin()) {
      throw new KioskError('FORBIDDEN', 'Vui lòng mở "Quản trị kiosk" bằng mã PIN ca làm việc của cán bộ quản trị.');
    }
    return username;
  }

  private refuseWhileBlocked(): void {
    const left = this.blockedUntil - this.now().getTime();
    if (left > 0) throw new KioskError('FORBIDDEN', `Nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(left / 60_000)} phút.`);
  }

  private fail(who: string, action: string): void {
    this.audit.record(who, action);
    this.failures += 1;
    if (this.failures < ADMIN_MAX_FAILURES) return;
    this.failures = 0;
    this.blockedUntil = this.now().getTime() + ADMIN_BLOCK_MS;
    this.audit.record(who, 'admin.blocked');
  }

  private triesLeftSentence(): string {
    if (this.blockedUntil > this.now().getTime()) return `Nhập sai quá nhiều lần: "Quản trị kiosk" tạm khóa ${ADMIN_BLOCK_MS / 60_000} phút.`;
    return `Còn ${ADMIN_MAX_FAILURES - this.failures} lần thử trước khi bị tạm khóa ${ADMIN_BLOCK_MS / 60_000} phút.`;
  }
}
