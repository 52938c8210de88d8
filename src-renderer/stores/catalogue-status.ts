/**
 * The line above the catalogue's results: what was found, where. It names
 * the filters that are chosen, so a citizen who finds nothing sees why and
 * gets a button to widen the search, one per filter.
 */
export type CatalogueFilterKind = 'field' | 'agencyCode';

export interface CatalogueStatusInput {
  query: string;
  total: number;
  field: string;
  /** The chosen agency's name, '' when none is chosen. */
  agencyName: string;
}

export interface CatalogueStatus {
  text: string;
  /** Filters a button may clear: shown only when nothing was found. */
  clear: CatalogueFilterKind[];
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

export function catalogueStatus(s: CatalogueStatusInput, t: Translate): CatalogueStatus {
  const scope = [s.field ? t('catalogue.scopeField', { field: s.field }) : '', s.agencyName ? t('catalogue.scopeAgency', { agency: s.agencyName }) : '']
    .filter(Boolean)
    .join(' ');
  const q = s.query.trim();
  if (s.total > 0) {
    if (q) return { text: scope ? t('catalogue.resultsForIn', { n: s.total, q, scope }) : t('catalogue.resultsFor', { n: s.total, q }), clear: [] };
    return { text: scope ? t('catalogue.resultsIn', { n: s.total, scope }) : t('catalogue.results', { n: s.total }), clear: [] };
  }
  const clear: CatalogueFilterKind[] = [...(s.field ? (['field'] as const) : []), ...(s.agencyName ? (['agencyCode'] as const) : [])];
  if (q) return { text: scope ? t('catalogue.noneIn', { q, scope }) : t('catalogue.none', { q }), clear };
  return { text: scope ? t('catalogue.emptyIn', { scope }) : t('catalogue.empty'), clear };
}
