import { telexCompose } from './telex.js';
import { vniCompose } from './vni.js';
import type { Composer } from './syllable.js';

export { trailingWord, typeKeys, type Composer } from './syllable.js';
export { telexCompose } from './telex.js';
export { vniCompose } from './vni.js';

/** How the on-screen keyboard turns keys into Vietnamese letters; 'off' types keys as they are. */
export type InputMethod = 'telex' | 'vni' | 'off';
export const INPUT_METHODS: readonly InputMethod[] = ['telex', 'vni', 'off'];

export function composerFor(method: InputMethod): Composer {
  if (method === 'telex') return telexCompose;
  if (method === 'vni') return vniCompose;
  return (word, key) => word + key;
}
