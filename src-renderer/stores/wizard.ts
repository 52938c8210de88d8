import '../../src-shared/zod-locale.js';
import { defineStore } from 'pinia';
import type { CccdQr } from '../../src-shared/domain/cccd.js';
import { computed, nextTick, reactive, ref, watch } from 'vue';
import type { Procedure } from '../../src-shared/catalogue.js';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import type { AttachmentRef, CallOutput, DraftData, SignedIn, SubmissionView } from '../../src-shared/kiosk-api.js';
import type { Channel, Submitter } from '../../src-shared/kiosk-contract/applications.js';
import { applicantMatchesSignIn, type SubmitterKind } from '../../src-shared/domain/submitter.js';
import { feeChannelOf, KIOSK_CHANNEL, quoteFees, ratesDifferByChannel } from '../../src-shared/domain/fees.js';
import { eFormFilled, identityVerifiedBySignIn, waiverOf as waiverIn, type DocumentContext, type DocumentWaiver } from '../../src-shared/domain/document-waivers.js';
import type { DocumentComponent } from '../../src-shared/catalogue.js';
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { kiosk, KioskCallError } from '../api/client.js';
import { wordIssue } from '../api/error-wording.js';
import { useVisitStore } from './visit.js';
import {
  applicantForSubmission,
  APPLICANT_KEYS,
  checkProcedureFields,
  emptyApplicant,
  without,
  missingDocuments,
  type ApplicantForm,
  type Issues,
} from './wizard-checks.js';

export type WizardStep = 1 | 2 | 3 | 4;
type Draft = NonNullable<CallOutput<'drafts.current'>['draft']>;
type Captcha = CallOutput<'wizard.captcha'>;

/** How long after the last change the draft is written (the contract asks for debounced saves). */
export const DRAFT_SAVE_DELAY_MS = 800;

/** A picture or a PDF's page count, for the file the citizen just chose (memory only). */
export interface Preview {
  imageUrl: string | null;
  pages: number | null;
}

/**
 * Route guard of the wizard: asks the host who is signed in; nobody who may
 * submit → "Đăng nhập", which comes back here afterwards.
 */
export async function wizardGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const visit = useVisitStore();
  await visit.refresh().catch(() => undefined);
  return visit.canSubmit ? true : { name: 'login', query: { next: to.fullPath } };
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The 4-step submission wizard: what the citizen entered so far, saved as a
 * draft on the host (debounced) so a crash or power cut resumes it, and the
 * submission itself. Personal data lives here only while the wizard is open;
 * `wipe()` forgets all of it (idle, "Kết thúc", after submitting).
 */
export const useWizardStore = defineStore('wizard', () => {
  const procedure = ref<Procedure | null>(null);
  const draftId = ref<string | null>(null);
  const step = ref<WizardStep>(1);
  const applicant = reactive<ApplicantForm>(emptyApplicant());
  const fields = ref<Record<string, string>>({});
  const attachments = ref<AttachmentRef[]>([]);
  const declarationAccepted = ref(false);
  const prefilled = ref(false);
  /** The citizen signed in (self-service): they apply for themself or as a proxy for someone else. */
  const signedInCitizen = ref<{ citizenId: string; fullName: string } | null>(null);
  const submitterKind = ref<SubmitterKind>('self');
  const proxyRelation = ref('');
  const pendingResume = ref<Draft | null>(null);
  const previews = ref<Record<string, Preview>>({});
  const captcha = ref<Captcha | null>(null);
  const captchaAnswer = ref('');
  const issues = ref<Issues>({});
  /** A message about the whole step (missing documents, a refusal). */
  const stepError = ref<string | null>(null);
  const savedAt = ref<string | null>(null);
  const saveError = ref<string | null>(null);

  interface DraftAutosave {
    id: string | null;
    procedureCode: string;
    /** Set by the session wipe: saves still queued must not bring the draft back. */
    cancelled: boolean;
  }
  // The draft being written; null before the citizen chose between resuming and
  // starting over, and after submitting or wiping (then nothing is saved).
  let autosave: DraftAutosave | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  // Saves go one after another so the first one's id is used by the next.
  let chain: Promise<void> = Promise.resolve();

  // The host submits on the mode's channel (KIOSK_CHANNEL); the wizard quotes the same, from the form as filled.
  const channel = computed<Channel>(() => KIOSK_CHANNEL[useVisitStore().assisted ? 'assisted' : 'self-service']);
  const feeQuote = computed(() => (procedure.value ? quoteFees(procedure.value, channel.value, fields.value) : null));
  const fees = computed(() => feeQuote.value?.items ?? []);
  const feeTotal = computed(() => feeQuote.value?.total ?? 0);
  /** The rate depends on the channel: the screens say which one applies, and why. */
  const channelMatters = computed(() => (procedure.value ? ratesDifferByChannel(procedure.value) : false));
  const feeChannel = computed(() => feeChannelOf(channel.value));
  /** The form as `open()` left it (prefilled from the sign-in), to tell what the citizen changed since. */
  const untouched = ref<string | null>(null);
  /**
   * The open wizard holds something the citizen would lose to a wipe: a
   * saved or offered draft, or anything changed since it opened. What the
   * sign-in prefilled does not count: they typed none of it.
   */
  const hasEnteredWork = computed(() => {
    if (!procedure.value) return false;
    if (draftId.value || pendingResume.value) return true;
    return untouched.value !== null && JSON.stringify(draftData()) !== untouched.value;
  });
  /**
   * At an assisted counter the present officer stands in for the captcha; the
   * host holds every other submission to it.
   */
  const captchaNeeded = computed(() => {
    const s = useVisitStore();
    return !(s.assisted && s.staff !== null && !s.locked);
  });
  /** What step 2 may leave out: the signed-in citizen applying for themself, and the e-form of step 1 filled in. */
  const documentContext = computed<DocumentContext>(() => ({
    identityVerified: identityVerifiedBySignIn(signedInCitizen.value?.citizenId, submitterKind.value, applicant.citizenId),
    eFormFilled: eFormFilled(procedure.value?.formFields ?? [], typedFields().values),
  }));
  const missing = computed(() => (procedure.value ? missingDocuments(procedure.value.documents, attachments.value, documentContext.value) : []));
  function waiverOf(doc: DocumentComponent): DocumentWaiver | null {
    return waiverIn(doc, documentContext.value);
  }

  function draftData(): DraftData {
    const a: Record<string, string> = {};
    for (const k of APPLICANT_KEYS) if (applicant[k]) a[k] = clip(applicant[k], 300);
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields.value)) if (v !== '') f[k] = clip(v, 2000);
    return {
      step: step.value,
      applicant: a,
      fields: f,
      attachments: attachments.value.map((x) => ({ ...x })),
      declarationAccepted: declarationAccepted.value,
      ...(signedInCitizen.value ? { submitter: { kind: submitterKind.value, relation: clip(proxyRelation.value, 200) } } : {}),
    };
  }

  function cancelScheduledSave(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
  }

  /** Writes the wizard as it stands now (the data is taken at call time, sent in turn). */
  function writeDraft(): Promise<void> {
    cancelScheduledSave();
    dirty = false;
    const s = autosave;
    if (!s) return chain;
    const data = draftData();
    chain = chain.then(async () => {
      if (s.cancelled) return;
      try {
        const res = await kiosk().call('drafts.save', { ...(s.id ? { id: s.id } : {}), procedureCode: s.procedureCode, data });
        s.id = res.id;
        if (autosave === s) {
          draftId.value = res.id;
          savedAt.value = res.updatedAt;
          saveError.value = null;
        }
      } catch (e) {
        if (autosave === s) saveError.value = e instanceof Error ? e.message : String(e);
      }
    });
    return chain;
  }

  function scheduleSave(): void {
    if (!autosave) return;
    dirty = true;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void writeDraft(), DRAFT_SAVE_DELAY_MS);
  }

  /** Leaving the wizard: what was typed since the last save goes to the draft, then memory is cleared. */
  function leave(): void {
    if (dirty) void writeDraft();
    forget();
  }

  watch([applicant, fields, attachments, declarationAccepted, step, submitterKind, proxyRelation], scheduleSave, { deep: true });

  function revokePreviews(): void {
    for (const p of Object.values(previews.value)) if (p.imageUrl) URL.revokeObjectURL(p.imageUrl);
    previews.value = {};
  }

  function clearForm(): void {
    step.value = 1;
    Object.assign(applicant, emptyApplicant());
    fields.value = {};
    attachments.value = [];
    declarationAccepted.value = false;
    prefilled.value = false;
    signedInCitizen.value = null;
    submitterKind.value = 'self';
    proxyRelation.value = '';
    revokePreviews();
    captcha.value = null;
    captchaAnswer.value = '';
    issues.value = {};
    stepError.value = null;
  }

  /**
   * Forgets everything the citizen entered and drops saves not yet sent
   * (the session wipe: the host is deleting the drafts).
   */
  function wipe(): void {
    if (autosave) autosave.cancelled = true;
    forget();
  }

  /** Memory cleared and saving stopped; saves already queued still go out. */
  function forget(): void {
    autosave = null;
    dirty = false;
    cancelScheduledSave();
    clearForm();
    procedure.value = null;
    untouched.value = null;
    draftId.value = null;
    pendingResume.value = null;
    savedAt.value = null;
    saveError.value = null;
  }

  function prefill(who: SignedIn): void {
    const c = who.citizen;
    if (c?.role === 'citizen') {
      applicant.fullName = c.displayName;
      // The account's own contact details: the citizen corrects them here if they changed.
      if (c.phone) applicant.phone = c.phone;
      if (c.address) applicant.address = c.address;
      if (c.citizenId) {
        applicant.citizenId = c.citizenId;
        signedInCitizen.value = { citizenId: c.citizenId, fullName: c.displayName };
      }
      prefilled.value = true;
    }
  }

  /**
   * "Tôi nộp hộ người khác": the name and CCCD filled in from the sign-in are
   * the proxy's own, so they make way for the applicant's; back to "cho chính
   * mình" puts them back.
   */
  function setSubmitterKind(kind: SubmitterKind): void {
    const me = signedInCitizen.value;
    if (!me || kind === submitterKind.value) return;
    submitterKind.value = kind;
    if (kind === 'proxy') {
      if (applicant.fullName.trim() === me.fullName) applicant.fullName = '';
      if (applicant.citizenId.trim() === me.citizenId) applicant.citizenId = '';
      prefilled.value = false;
    } else if (kind === 'self') {
      applicant.fullName = me.fullName;
      applicant.citizenId = me.citizenId;
      prefilled.value = true;
    }
    clearIssue('applicant.citizenId');
    clearIssue('submitter.relation');
  }

  /** Step 1's check of who applies: the signed-in citizen's own CCCD, or a proxy with the relation stated. */
  function submitterIssues(messages: { notSelf: string; relationRequired: string }): Issues {
    const me = signedInCitizen.value;
    if (!me) return {};
    if (submitterKind.value === 'proxy') return proxyRelation.value.trim() ? {} : { 'submitter.relation': messages.relationRequired };
    return applicantMatchesSignIn(me.citizenId, 'self', applicant.citizenId) ? {} : { 'applicant.citizenId': messages.notSelf };
  }

  function submitterForSubmission(): Submitter {
    return signedInCitizen.value && submitterKind.value === 'proxy' ? { kind: 'proxy', relation: proxyRelation.value.trim() } : { kind: 'self' };
  }

  /** A CCCD read by the scanner: the chip card's own data beats what was typed. */
  function fillFromCccd(c: CccdQr): void {
    applicant.fullName = c.fullName;
    applicant.citizenId = c.cccd;
    applicant.address = c.address;
    prefilled.value = true;
  }

  /** Opens the wizard for a procedure; offers the session's draft of the same procedure if there is one. */
  async function open(code: string, who: SignedIn): Promise<void> {
    leave();
    const [p, current] = await Promise.all([kiosk().call('catalogue.get', { code }), kiosk().call('drafts.current', {})]);
    procedure.value = p;
    fields.value = Object.fromEntries(p.formFields.map((f) => [f.id, '']));
    prefill(who);
    // Let the watcher see the prefill before saving starts: an untouched form is not a draft.
    await nextTick();
    untouched.value = JSON.stringify(draftData());
    if (current.draft && current.draft.procedureCode === p.code) pendingResume.value = current.draft;
    else autosave = { id: null, procedureCode: p.code, cancelled: false };
  }

  function resume(): void {
    const d = pendingResume.value;
    if (!d) return;
    draftId.value = d.id;
    for (const k of APPLICANT_KEYS) {
      const v = d.data.applicant[k];
      if (v !== undefined) applicant[k] = v;
    }
    for (const [k, v] of Object.entries(d.data.fields)) if (k in fields.value) fields.value[k] = String(v);
    const known = new Set(procedure.value?.documents.map((doc) => doc.id));
    attachments.value = d.data.attachments.filter((a) => known.has(a.componentId));
    declarationAccepted.value = d.data.declarationAccepted;
    if (signedInCitizen.value && d.data.submitter) {
      submitterKind.value = d.data.submitter.kind;
      proxyRelation.value = d.data.submitter.relation;
    }
    // The captcha is never saved: a resumed review starts again at step 3 to enter a fresh one.
    step.value = Math.min(d.data.step, 3) as WizardStep;
    savedAt.value = d.updatedAt;
    pendingResume.value = null;
    autosave = { id: d.id, procedureCode: d.procedureCode, cancelled: false };
  }

  async function startOver(): Promise<void> {
    const d = pendingResume.value;
    pendingResume.value = null;
    if (d) await kiosk().call('drafts.discard', { id: d.id });
    if (procedure.value) autosave = { id: null, procedureCode: procedure.value.code, cancelled: false };
  }

  function todayKey(): string {
    return vnDateKey(new Date());
  }

  function typedFields(): ReturnType<typeof checkProcedureFields> {
    return checkProcedureFields(procedure.value?.formFields ?? [], fields.value, todayKey(), wordIssue);
  }

  /** The citizen is correcting this field: its message goes. */
  function clearIssue(path: string): void {
    if (path in issues.value) issues.value = without(issues.value, path);
  }

  async function newCaptcha(): Promise<void> {
    captchaAnswer.value = '';
    captcha.value = await kiosk().call('wizard.captcha', {});
  }

  /** Step 3's "Tiếp tục": the host checks the answer now; the submit presents it again and spends it. */
  async function checkCaptcha(): Promise<void> {
    if (!captcha.value) throw new KioskCallError('CAPTCHA_WRONG');
    await kiosk().call('wizard.checkCaptcha', { captchaId: captcha.value.id, captchaAnswer: captchaAnswer.value.trim() });
  }

  function setAttachment(file: AttachmentRef, preview: Preview): void {
    const old = previews.value[file.componentId];
    if (old?.imageUrl && old.imageUrl !== preview.imageUrl) URL.revokeObjectURL(old.imageUrl);
    previews.value = { ...previews.value, [file.componentId]: preview };
    attachments.value = [...attachments.value.filter((a) => a.componentId !== file.componentId), file];
  }

  /** Takes a file off; returns what undo needs to put it back (the preview stays alive until then). */
  function removeAttachment(componentId: string): { file: AttachmentRef; preview: Preview | undefined } | null {
    const file = attachments.value.find((a) => a.componentId === componentId);
    if (!file) return null;
    const preview = previews.value[componentId];
    previews.value = without(previews.value, componentId);
    attachments.value = attachments.value.filter((a) => a.componentId !== componentId);
    return { file, preview };
  }

  /**
   * Sends the application. On success the form is forgotten (the host has
   * deleted the draft); on failure the caller moves to the step at fault.
   */
  async function submit(): Promise<SubmissionView> {
    const p = procedure.value;
    if (!p) throw new Error('wizard not open');
    const shown = captchaNeeded.value ? captcha.value : null;
    if (captchaNeeded.value && !shown) throw new KioskCallError('CAPTCHA_WRONG');
    const s = autosave;
    // Stop saving first: a save landing after the submit would bring the draft back.
    autosave = null;
    cancelScheduledSave();
    await chain;
    const id = s?.id ?? draftId.value;
    try {
      // No receiving officer here: the host takes it from the open shift, never from the page.
      const view = await kiosk().call('submissions.submit', {
        ...(id ? { draftId: id } : {}),
        procedureCode: p.code,
        applicant: applicantForSubmission(applicant),
        fields: typedFields().values,
        attachments: attachments.value,
        submitter: submitterForSubmission(),
        declarationAccepted: true,
        ...(shown ? { captchaId: shown.id, captchaAnswer: captchaAnswer.value.trim() } : {}),
      });
      wipe();
      return view;
    } catch (e) {
      autosave = s;
      throw e;
    }
  }

  return {
    fillFromCccd,
    signedInCitizen,
    submitterKind,
    proxyRelation,
    setSubmitterKind,
    submitterIssues,
    procedure,
    draftId,
    step,
    applicant,
    fields,
    attachments,
    declarationAccepted,
    prefilled,
    pendingResume,
    previews,
    captcha,
    captchaAnswer,
    captchaNeeded,
    issues,
    stepError,
    savedAt,
    saveError,
    fees,
    feeTotal,
    channel,
    channelMatters,
    feeChannel,
    missing,
    hasEnteredWork,
    waiverOf,
    open,
    resume,
    startOver,
    wipe,
    typedFields,
    todayKey,
    newCaptcha,
    checkCaptcha,
    clearIssue,
    setAttachment,
    removeAttachment,
    submit,
    leave,
  };
});
