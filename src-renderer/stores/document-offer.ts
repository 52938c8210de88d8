import { computed, type ComputedRef } from 'vue';
import { useAppStore } from './app.js';

/**
 * Whether this shell may offer a document as a file to save. The Electron
 * kiosk refuses every download (a save dialog is a way out of the kiosk onto
 * its file system, src-main/electron/shell-guards.ts), so there a document
 * is only shown and printed; the browser shell, run by staff at a desk, may
 * also save it. Unknown (app.info not read yet) counts as not allowed.
 */
export function downloadsAllowedIn(shell: 'electron' | 'browser' | undefined): boolean {
  return shell === 'browser';
}

export function useDownloadsAllowed(): ComputedRef<boolean> {
  const app = useAppStore();
  return computed(() => downloadsAllowedIn(app.info?.shell));
}
