/**
 * Work the host repeats on a timer and on demand: callers that ask while a
 * run is in flight share that run, and stopping waits for it, so a shutdown
 * never closes the store under a pass that is still writing.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  /** `failed` hears what `work` threw; runNow itself never rejects. */
  constructor(
    private readonly work: () => Promise<void>,
    private readonly failed: (e: unknown) => void,
  ) {}

  start(intervalSeconds: number): void {
    this.timer = setInterval(() => void this.runNow(), intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  runNow(): Promise<void> {
    this.running ??= this.work()
      .catch(this.failed)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
