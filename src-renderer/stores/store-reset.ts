import { getActivePinia, type PiniaPluginContext, type StateTree } from 'pinia';
import { toRaw } from 'vue';

declare module 'pinia' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  export interface DefineStoreOptionsBase<S extends StateTree, Store> {
    /**
     * State keys that describe the kiosk rather than the citizen (its
     * identity, mode, catalogue freshness): the session wipe leaves them.
     */
    keepOnReset?: readonly string[];
  }
}

function clone<T>(value: T): T {
  const raw = toRaw(value);
  try {
    return structuredClone(raw);
  } catch {
    return JSON.parse(JSON.stringify(raw ?? null)) as T;
  }
}

/**
 * Pinia plugin: gives setup stores the `$reset()` that option stores have,
 * by keeping a copy of the state as the store's setup made it. The session
 * wipe calls `$reset()` on every store, so a store written by anyone is
 * wiped without having to remember to write its own reset.
 */
export function resettableStores({ store, options }: PiniaPluginContext): void {
  if (typeof options.state === 'function') return; // option stores reset themselves
  const keep = new Set(options.keepOnReset ?? []);
  const state = store.$state as Record<string, unknown>;
  const initial = new Map<string, unknown>(Object.keys(state).map((k) => [k, clone(state[k])]));
  store.$reset = () => {
    store.$patch((s: Record<string, unknown>) => {
      for (const [k, v] of initial) if (!keep.has(k)) s[k] = clone(v);
    });
  };
}

/** Every store back to its first state (the idle wipe, "Kết thúc", next walk-in). */
export function resetAllStores(): void {
  const pinia = getActivePinia() as unknown as { _s: Map<string, { $reset(): void }> } | undefined;
  pinia?._s.forEach((s) => s.$reset());
}
