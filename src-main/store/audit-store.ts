import type { Statement } from 'better-sqlite3';
import type { StoreDatabase } from './database.js';
import type { Audit } from './store.js';

/**
 * What happened on this kiosk, for the counter's supervisor. Subjects are
 * application numbers and staff ids — never names, CCCD numbers or phones.
 */
export class AuditStore implements Audit {
  private readonly insert: Statement;

  constructor(
    db: StoreDatabase,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare('INSERT INTO audit (at, actor, action, subject) VALUES (?, ?, ?, ?)');
  }

  record(actor: string, action: string, subject: string | null = null): void {
    this.insert.run(this.now().toISOString(), actor, action, subject);
  }
}
