import { describe, it } from 'vitest';

/**
 * A suite that needs a system service (a CUPS scheduler, a SoftHSM2 token)
 * runs where the service is there. Where it is not:
 * - on a developer's machine the suite is skipped, and says why once;
 * - in CI (CI set), where .ci/run installs every such service, it fails with
 *   the reason, so a missing install step can never pass as a skip.
 */
export interface ServiceGate {
  /** What the suite needs, as a person would name it: "CUPS (cupsd, lp…)". */
  service: string;
  /** Empty when the service is usable; otherwise why it is not. */
  missing: string;
}

export function describeWithService(gate: ServiceGate, title: string, body: () => void): void {
  if (!gate.missing) {
    describe(title, body);
    return;
  }
  const reason = `${gate.service} is not usable here: ${gate.missing}`;
  if (process.env.CI) {
    describe(title, () => {
      // A test that fails, not a skip: .ci/run installs this service, so its absence is a CI fault.
      it(`needs ${gate.service}`, () => {
        throw new Error(`${reason}. .ci/run installs it; the suite cannot run without it.`);
      });
    });
    return;
  }
  process.stderr.write(`skipped "${title}": ${reason}\n`);
  describe.skip(title, body);
}
