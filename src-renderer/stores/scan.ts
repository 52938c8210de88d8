import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CccdQr } from '../../src-shared/domain/cccd.js';

/**
 * The last CCCD read by a scanner, waiting for the screen that uses it
 * (the login's username, the wizard's applicant). Taken once, then gone:
 * it is personal data and is wiped with everything else.
 */
export const useScanStore = defineStore('scan', () => {
  const cccd = ref<CccdQr | null>(null);
  const serial = ref(0);

  function put(value: CccdQr): void {
    cccd.value = value;
    serial.value++;
  }

  function take(): CccdQr | null {
    const v = cccd.value;
    cccd.value = null;
    return v;
  }

  return { cccd, serial, put, take };
});
