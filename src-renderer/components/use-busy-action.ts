import { ref, type Ref } from 'vue';

export interface BusyAction {
  busy: Ref<boolean>;
  /** The last action's failure, as the kiosk client worded it in the chosen language; null after a success. */
  error: Ref<string | null>;
  /** Runs one action of the screen; its result, or undefined when it failed (the error is then shown). */
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
}

/** One action of a screen at a time: the buttons wait while it runs, and its error replaces the last one. */
export function useBusyAction(): BusyAction {
  const busy = ref(false);
  const error = ref<string | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
