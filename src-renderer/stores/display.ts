import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InputMethod } from '../input/input-method.js';

/**
 * How this visitor wants the screen: large text, high contrast, the
 * on-screen keyboard and its typing method. Reset for the next visitor.
 */
export const useDisplayStore = defineStore('display', () => {
  const largeText = ref(false);
  const highContrast = ref(false);
  const keyboardOpen = ref(false);
  const inputMethod = ref<InputMethod>('telex');
  return { largeText, highContrast, keyboardOpen, inputMethod };
});
