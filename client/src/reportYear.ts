import type { TemplateSchema } from '../../server/src/engine/template';
import { toHalfWidth } from '../../server/src/engine/text';

// The pure part of 新建年度报告, apart from the editor so that unit tests can reach it.

/** What the command needs of a format: its template data, the years it is for, its description. */
export interface ReportFormat extends TemplateSchema {
  years?: { from?: number; to?: number };
  description?: { zh: string; en: string };
}

/** The formats meant for reports on `year`; every format when none is (a year before the first). */
export function schemasForYear<S extends ReportFormat>(schemas: readonly S[], year: number): S[] {
  const fits = schemas.filter((s) => (s.years?.from ?? -Infinity) <= year && year <= (s.years?.to ?? Infinity));
  return fits.length ? fits : [...schemas];
}

/** A report's year typed by the user (full-width digits too), or undefined. */
export function parseYear(text: string, now = new Date()): number | undefined {
  const t = toHalfWidth(text)
    .trim()
    .replace(/年度?$/, '');
  if (!/^\d{4}$/.test(t)) return undefined;
  const year = Number(t);
  return year >= 2000 && year <= now.getFullYear() ? year : undefined;
}
