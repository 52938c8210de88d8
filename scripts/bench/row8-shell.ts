import { monitorEventLoopDelay } from 'node:perf_hooks';
import { z } from 'zod';
import { startBrowserShell } from '../../src-main/browser/server.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { forkNodeHost } from '../../src-main/host-process/host-channel.js';
import { startRemoteHost } from '../../src-main/host-process/remote-host.js';
import { silentLog } from '../../src-main/log/host-log.js';
import { ROW8_COMMANDS, Row8ShellArgsSchema, type Row8ShellMessage } from './row8-protocol.js';

/**
 * Bench row 8's measured process: the browser shell's HTTP server, the
 * process that serves the window, with the host either inside it (as before
 * issue 12) or in its own process (as `npm start` runs it now). It reports
 * its own event-loop delay (perf_hooks) between "measure" and "report".
 */
const CommandSchema = z.enum(ROW8_COMMANDS);

async function main(): Promise<void> {
  const args = Row8ShellArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  // Assisted: the shift's officer receives on the walk-ins' behalf, so the bench needs no SMS OTP.
  const config = KioskConfigSchema.parse({
    portalUrl: args.portalUrl,
    dataDir: args.dataDir,
    mode: 'assisted',
    training: true,
    catalogueSyncSeconds: 3600,
    statusRefreshSeconds: 3600,
  });
  const host: Host =
    args.hostPlacement === 'in-process'
      ? await createHost(config, { shell: 'browser', version: 'bench' })
      : await startRemoteHost({ spawn: forkNodeHost({ entry: args.hostEntry }), config, shell: 'browser', version: 'bench', log: silentLog });
  const shell = await startBrowserShell(host, { rendererDir: args.rendererDir });
  // 1 ms sampling: a 16 ms frame budget is what the window may not lose.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const send = (message: Row8ShellMessage): void => void process.send?.(message);

  process.on('message', (raw) => {
    const command = CommandSchema.safeParse(raw);
    if (!command.success) return;
    if (command.data === 'measure') {
      delay.reset();
      delay.enable();
    } else if (command.data === 'report') {
      delay.disable();
      send({ kind: 'delay', p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6, meanMs: delay.mean / 1e6 });
    } else {
      void shell
        .close()
        .then(() => host.close())
        .then(() => process.exit(0));
    }
  });
  send({ kind: 'ready', origin: shell.origin, secret: shell.secret });
}

main().catch((e: unknown) => {
  console.error(`row 8 shell: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
