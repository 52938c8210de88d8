import type { PortalContext } from '../context.js';
import { createBusinessAccount, createCitizenAccount, createOfficerAccount } from '../auth/accounts.js';
import { revokeAccountSessions } from '../auth/sessions.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

type SeedContext = Pick<PortalContext, 'db' | 'now'>;

async function accountId(ctx: SeedContext, username: string): Promise<number | null> {
  const row = await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id ?? null;
}

/** Training start: every demo account exists, is marked demo and is enabled. */
export async function seedDemoAccounts(ctx: SeedContext): Promise<void> {
  const ensure = async (username: string, create: () => Promise<number>) => {
    const id = (await accountId(ctx, username)) ?? (await create());
    await ctx.db.updateTable('accounts').set({ is_demo: 1, disabled: 0 }).where('id', '=', id).execute();
  };
  for (const c of DEMO_ACCOUNTS.citizens) {
    await ensure(c.citizenId, () =>
      createCitizenAccount(ctx.db, {
        citizenId: c.citizenId,
        password: c.password,
        fullName: c.fullName,
        phone: c.phone,
        birthDate: c.birthDate,
        address: c.address,
        isDemo: true,
      }),
    );
  }
  for (const o of DEMO_ACCOUNTS.officers) {
    await ensure(o.username, () =>
      createOfficerAccount(ctx.db, { username: o.username, password: o.password, fullName: o.fullName, agencyCode: o.agencyCode, isDemo: true }),
    );
  }
  for (const a of DEMO_ACCOUNTS.admins) {
    await ensure(a.username, () =>
      createOfficerAccount(ctx.db, { username: a.username, password: a.password, fullName: a.fullName, agencyCode: a.agencyCode, isDemo: true, isAdmin: true }),
    );
    // A training database from before admins existed has the account without the flag.
    await ctx.db.updateTable('accounts').set({ is_admin: 1 }).where('username', '=', a.username).where('role', '=', 'officer').execute();
  }
  for (const b of DEMO_ACCOUNTS.businesses) {
    await ensure(b.taxCode, () => createBusinessAccount(ctx.db, { ...b, isDemo: true }));
  }
}

/** Production start on a database that once ran in training: demo accounts are shut and their sessions ended. */
export async function disableDemoAccounts(ctx: SeedContext): Promise<void> {
  const demo = await ctx.db.selectFrom('accounts').select('id').where('is_demo', '=', 1).execute();
  if (demo.length === 0) return;
  await ctx.db.updateTable('accounts').set({ disabled: 1 }).where('is_demo', '=', 1).execute();
  await revokeAccountSessions(ctx, demo.map((r) => r.id));
}
