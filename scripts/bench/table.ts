/**
 * What every bench row reports, and the one table they are printed in.
 * A row may print several lines (start-up: ready, first paint, JS size);
 * each compares our figure with a baseline measured in the same run, and
 * the ratio is always ours ÷ baseline, read as the goal says.
 */
export interface BenchLine {
  row: number;
  what: string;
  ours: number;
  baseline: number;
  unit: string;
  goal: string;
  /** Null when the line is information (e.g. how latency grows), not a goal. */
  met: boolean | null;
}

export interface BenchRow {
  row: number;
  title: string;
  run(): Promise<BenchLine[]>;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function figure(n: number, unit: string): string {
  if (Number.isInteger(n)) return `${n} ${unit}`.trim();
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
  return `${n.toFixed(digits)} ${unit}`.trim();
}

/** A Markdown table, so the README's "Performance" section is the printed output verbatim. */
export function formatTable(lines: readonly BenchLine[]): string {
  const head = ['#', 'what', 'ours', 'baseline', 'ratio', 'goal', 'met'];
  const body = lines.map((l) => [
    String(l.row),
    l.what,
    figure(l.ours, l.unit),
    figure(l.baseline, l.unit),
    l.baseline === 0 ? '—' : `${(l.ours / l.baseline).toFixed(2)}×`,
    l.goal,
    l.met === null ? '—' : l.met ? 'met' : 'NOT met',
  ]);
  const rows = [head, head.map(() => '---'), ...body];
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}
