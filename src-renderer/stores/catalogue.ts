import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ProcedureSummary } from '../../src-shared/catalogue.js';
import { kiosk } from '../api/client.js';

const PAGE_SIZE = 20;

/** The catalogue screen's state: query, filters, the page shown. */
export const useCatalogueStore = defineStore('catalogue', () => {
  const query = ref('');
  const activeQuery = ref('');
  const field = ref('');
  const agencyCode = ref('');
  const page = ref(1);
  const items = ref<ProcedureSummary[]>([]);
  const total = ref(0);
  const fields = ref<string[]>([]);
  const agencies = ref<{ code: string; name: string }[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /**
   * What the items on screen were fetched for. The count line reads this, not
   * the dropdowns: between a new choice and its answer the old list must not
   * be labelled with the new filter.
   */
  const shown = ref({ query: '', field: '', agencyCode: '' });
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    error.value = null;
    try {
      const q = activeQuery.value.trim();
      const asked = { query: activeQuery.value, field: field.value, agencyCode: agencyCode.value };
      // The dropdowns narrow a search just as they narrow the list.
      const filters = { ...(field.value ? { field: field.value } : {}), ...(agencyCode.value ? { agencyCode: agencyCode.value } : {}) };
      if (q) {
        const res = await kiosk().call('catalogue.search', { query: q, page: page.value, pageSize: PAGE_SIZE, ...filters });
        if (mine !== ticket) return;
        items.value = res.items;
        total.value = res.total;
        shown.value = asked;
      } else {
        const res = await kiosk().call('catalogue.list', { page: page.value, pageSize: PAGE_SIZE, ...filters });
        if (mine !== ticket) return;
        items.value = res.items;
        total.value = res.total;
        fields.value = res.fields;
        agencies.value = res.agencies;
        shown.value = asked;
      }
    } catch (e) {
      if (mine === ticket) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** Search as the citizen types, and on "Tìm kiếm". */
  async function search(text: string): Promise<void> {
    query.value = text;
    activeQuery.value = text;
    page.value = 1;
    await load();
  }

  /** A changed dropdown keeps the words typed: the search runs again inside the new filter. */
  async function filter(next: { field?: string; agencyCode?: string }): Promise<void> {
    if (next.field !== undefined) field.value = next.field;
    if (next.agencyCode !== undefined) agencyCode.value = next.agencyCode;
    page.value = 1;
    await load();
  }

  const nameOf = (code: string) => agencies.value.find((a) => a.code === code)?.name ?? code;
  const agencyName = computed(() => nameOf(agencyCode.value));
  const shownAgencyName = computed(() => nameOf(shown.value.agencyCode));

  async function goTo(p: number): Promise<void> {
    page.value = p;
    await load();
  }

  const pages = () => Math.max(1, Math.ceil(total.value / PAGE_SIZE));

  return { query, activeQuery, field, agencyCode, agencyName, shown, shownAgencyName, page, items, total, fields, agencies, loading, error, load, search, filter, goTo, pages };
});
