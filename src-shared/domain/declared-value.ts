import type { FormField } from '../catalogue.js';

/**
 * A declared form value as every paper and screen shows it: a select's
 * option label rather than its code, a date as dd/mm/yyyy whatever the
 * browser's locale. '' for a field left empty; the caller words that.
 */
export function declaredValue(field: FormField, value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const v = String(value).trim();
  if (v === '') return '';
  if (field.type === 'select') return field.options.find((o) => o.value === v)?.label ?? v;
  if (field.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  return v;
}
