import type { StoreDatabase } from './database.js';

/**
 * What happened on this kiosk, for the counter's supervisor. Subjects are
 * application numbers and staff ids — never names, CCCD numbers or phones.
 */
export class AuditStore {
  constructor(
    private readonly db: StoreDatabase,
    private readonly now: () => Date,
  ) {}

  record(actor: string, action: string, subject: string | null = null): void {
    this.db.prepare('INSERT INTO audit (at, actor, action, subject) VALUES (?, ?, ?, ?)').run(this.now().toISOString(), actor, action, subject);
  }
}
