import { z } from 'zod';

/** What bench row 8's driver and its measured shell process (row8-shell.ts) say to each other. */
export const Row8ShellArgsSchema = z.object({
  hostPlacement: z.enum(['in-process', 'host-process']),
  portalUrl: z.url(),
  dataDir: z.string().min(1),
  rendererDir: z.string().min(1),
  hostEntry: z.string().min(1),
});
export type Row8ShellArgs = z.infer<typeof Row8ShellArgsSchema>;

export const Row8ShellMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), origin: z.string(), secret: z.string() }),
  z.object({ kind: z.literal('delay'), p99Ms: z.number(), maxMs: z.number(), meanMs: z.number() }),
]);
export type Row8ShellMessage = z.infer<typeof Row8ShellMessageSchema>;

export const ROW8_COMMANDS = ['measure', 'report', 'stop'] as const;
export type Row8Command = (typeof ROW8_COMMANDS)[number];

