/** One line of the fault suite's verdict. */
export interface ClassResult {
  name: string;
  tries: number;
  survived: number;
  lost: number;
  duplicated: number;
  /** Checks that failed, said plainly; empty when the class passed. */
  failures: string[];
  /** What happened, for the log: not a verdict. */
  notes?: string[];
  skipped?: string;
}

export function classLine(r: ClassResult): string {
  if (r.skipped) return `class=${r.name} skipped (${r.skipped})`;
  return `class=${r.name} tries=${r.tries} survived=${r.survived} lost=${r.lost} duplicated=${r.duplicated}`;
}

export function passed(r: ClassResult, skipAllowed: boolean): boolean {
  if (r.skipped) return skipAllowed;
  return r.failures.length === 0 && r.lost === 0 && r.duplicated === 0 && r.tries > 0 && r.survived === r.tries;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
