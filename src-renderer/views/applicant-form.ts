import { computed, nextTick, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { wordIssue } from '../api/error-wording.js';
import type { ApplicantKey, checkApplicant } from '../stores/wizard-checks.js';

type ApplicantMessages = Parameters<typeof checkApplicant>[1];

/** The words checkApplicant puts to its findings, in the chosen language: the wizard and the officer's correction say them alike. */
export function useApplicantMessages(): ComputedRef<ApplicantMessages> {
  const { t } = useI18n();
  return computed(() => ({
    label: (key: ApplicantKey) => t(`wizard.applicant.${key}`),
    required: (label: string) => t('wizard.applicant.required', { label }),
    tooLong: (label: string, n: number) => t('wizard.applicant.tooLong', { label, n }),
    emailInvalid: t('wizard.applicant.emailInvalid'),
    issue: wordIssue,
  }));
}

/** Puts the cursor in the first field marked wrong, once the marks are on screen. */
export async function focusFirstInvalid(root: Ref<HTMLElement | null>): Promise<void> {
  await nextTick();
  root.value?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
