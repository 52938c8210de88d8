import { ref } from 'vue';
import { useVisitStore, type Captcha } from '../stores/visit.js';

/** The portal captcha of a sign-in form: single use, so every failed attempt asks for a new one. */
export function usePortalCaptcha(loadFailed: () => string) {
  const visit = useVisitStore();
  const captcha = ref<Captcha | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function refresh(): Promise<void> {
    loading.value = true;
    error.value = null;
    captcha.value = null;
    try {
      captcha.value = await visit.captcha();
    } catch (e) {
      error.value = e instanceof Error && e.message ? e.message : loadFailed();
    } finally {
      loading.value = false;
    }
  }

  return { captcha, loading, error, refresh };
}
