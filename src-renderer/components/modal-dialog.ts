import { nextTick, onMounted, ref, watch, type Ref } from 'vue';

/**
 * A native modal <dialog> driven by a prop: opened with showModal (focus
 * stays inside, the page behind is inert), the safe choice focused first,
 * and focus handed back to whatever opened it when it closes.
 */
export function useModalDialog(isOpen: () => boolean): { dialog: Ref<HTMLDialogElement | null>; first: Ref<HTMLButtonElement | null> } {
  const dialog = ref<HTMLDialogElement | null>(null);
  const first = ref<HTMLButtonElement | null>(null);
  let opener: HTMLElement | null = null;

  function sync(open: boolean): void {
    const d = dialog.value;
    if (!d) return;
    if (open && !d.open) {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
      void nextTick(() => first.value?.focus());
    } else if (!open && d.open) {
      d.close();
      if (opener?.isConnected) opener.focus();
      opener = null;
    }
  }

  watch(isOpen, sync);
  onMounted(() => sync(isOpen()));
  return { dialog, first };
}
