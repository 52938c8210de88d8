import { kiosk } from '../api/client.js';
import { useVisitStore } from '../stores/visit.js';
import { useWizardStore } from '../stores/wizard.js';

/** What a wipe would take: an application being filled in, or (at the counter) a walk-in being served. */
export type WorkAtRisk = 'application' | 'walk-in' | null;

/** What the officer or citizen asked for: "Kết thúc", "Kết thúc ca", "Phục vụ người tiếp theo". */
export type EndAction = 'visit' | 'shift' | 'next';

/**
 * Asked before "Kết thúc" and "Kết thúc ca" wipe the visit: the open
 * wizard's entries and files, or a draft left for later behind "Trang chủ"
 * (the host keeps it until the wipe deletes it).
 */
export async function workAtRisk(opts: { counting: 'visit' | 'shift' }): Promise<WorkAtRisk> {
  const wizard = useWizardStore();
  const visit = useVisitStore();
  if (wizard.hasEnteredWork) return 'application';
  if (visit.canSubmit) {
    try {
      const { draft } = await kiosk().call('drafts.current', {});
      if (draft) return 'application';
    } catch {
      // Not knowing whether a draft is there: ask rather than lose it.
      return 'application';
    }
  }
  return opts.counting === 'shift' && visit.signedIn ? 'walk-in' : null;
}
