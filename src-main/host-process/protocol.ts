import { z } from 'zod';
import { KioskConfigSchema } from '../config.js';
import { CallResultSchema, KioskEventSchema } from '../../src-shared/kiosk-api.js';

/**
 * What the shell and the host process say to each other. Both ends parse
 * every message with these schemas: a process boundary is a boundary like
 * any other, and a message that does not fit is dropped and logged by kind,
 * never acted on. Call inputs stay `unknown` here because the host's
 * dispatcher validates them against the kiosk contract, as it does for
 * every transport.
 */

const CallId = z.number().int().nonnegative();
const LogValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ShellToHostSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), config: KioskConfigSchema, shell: z.enum(['electron', 'browser']), version: z.string().max(100) }),
  z.object({ kind: z.literal('call'), id: CallId, name: z.unknown(), input: z.unknown() }),
  z.object({ kind: z.literal('captcha'), id: CallId, captchaId: z.string().max(200) }),
  z.object({ kind: z.literal('close') }),
]);
export type ShellToHost = z.input<typeof ShellToHostSchema>;

export const HostToShellSchema = z.discriminatedUnion('kind', [
  /** The host is up; `training` says whether wizard captcha answers may be read. */
  z.object({ kind: z.literal('ready'), training: z.boolean() }),
  /** createHost threw: its message is the Vietnamese sentence a start-up error carries. */
  z.object({ kind: z.literal('start-failed'), message: z.string().max(2000) }),
  z.object({ kind: z.literal('result'), id: CallId, result: CallResultSchema }),
  z.object({ kind: z.literal('captcha-answer'), id: CallId, answer: z.string().nullable() }),
  z.object({ kind: z.literal('event'), event: KioskEventSchema }),
  /** The host's log lines go to the shell's logger, so one process writes kiosk.log. */
  z.object({
    kind: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    event: z.string().max(200),
    fields: z.record(z.string(), LogValueSchema).optional(),
  }),
  z.object({ kind: z.literal('closed') }),
]);
export type HostToShell = z.input<typeof HostToShellSchema>;
export type HostToShellParsed = z.output<typeof HostToShellSchema>;
