import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from './procedures.js';

/** `B-015`: an area's letter and the day's number. */
export const TICKET_LABEL = /^[A-Z]-\d{3,4}$/;

/**
 * The shipped resources, with the centres open until 23:59: the kiosks run
 * on the machine's clock, and a queue test must pass after the real 17:00
 * too (tickets expire at closing time). Returns the folder; the caller
 * removes it.
 */
export function lateQueueResources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-resources-'));
  const shipped = path.join(repoRoot, 'resources');
  for (const entry of fs.readdirSync(shipped)) if (entry !== 'queue') fs.symlinkSync(path.join(shipped, entry), path.join(dir, entry));
  const centres = JSON.parse(fs.readFileSync(path.join(shipped, 'queue', 'centres.json'), 'utf8')) as { centres: { closesAt: string }[] };
  for (const c of centres.centres) c.closesAt = '23:59';
  // The rest of the queue folder (the board's voice word list) as shipped; only the centres change.
  fs.cpSync(path.join(shipped, 'queue'), path.join(dir, 'queue'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'queue', 'centres.json'), JSON.stringify(centres));
  return dir;
}

/** "Lấy số thứ tự" from a self-service kiosk's home screen, no sign-in. */
export async function openTicketScreen(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByRole('link', { name: /Lấy số thứ tự/ }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Lấy số thứ tự' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('radio', { name: /Chứng thực/ }).isVisible()).toBe(true);
}

/** Picks an area by its visible name, presses "Lấy số" and reads the number off the screen. */
export async function takeTicket(page: Page, area: RegExp, opts: { priority?: boolean } = {}): Promise<string> {
  await page.getByRole('radio', { name: area }).check();
  if (opts.priority) await page.getByLabel('Người cao tuổi, người khuyết tật, phụ nữ mang thai (được ưu tiên)').check();
  return pressTake(page);
}

/** Presses "Lấy số" for what is picked on screen and reads the number off the ticket. */
export async function pressTake(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Lấy số', exact: true }).click();
  const ticket = page.getByRole('region', { name: 'Số thứ tự của quý khách' });
  await expect.poll(() => ticket.isVisible(), { timeout: 20_000 }).toBe(true);
  const label = (await ticket.locator('.ticket-number').innerText()).trim();
  expect(label).toMatch(TICKET_LABEL);
  return label;
}
