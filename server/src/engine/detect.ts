import type { ReportModel } from './model';
import type { Schema } from './schema';

export interface Detection {
  schema?: Schema;
  /** how it was chosen, for the status bar and the CLI: front matter, setting, markers, year */
  reason: 'frontMatter' | 'option' | 'markers' | 'year' | 'none';
  /** a schema id was asked for (front matter) that is not known */
  unknownId?: { id: string; start: number; end: number };
}

/**
 * Which schema a report follows. An explicit choice wins (front matter, then the caller's option);
 * otherwise the words only one format's tables use, then the report's year.
 */
export function detectSchema(model: ReportModel, schemas: readonly Schema[], option?: Schema): Detection {
  const fm = model.frontMatter?.schema;
  if (fm) {
    const s = schemas.find((x) => x.id === fm.value);
    if (s) return { schema: s, reason: 'frontMatter' };
    const unknownId = { id: fm.value, start: fm.start, end: fm.end };
    // a misspelt id is reported even when the caller's choice stands in for it
    return option ? { schema: option, reason: 'option', unknownId } : { reason: 'none', unknownId };
  }
  if (option) return { schema: option, reason: 'option' };
  let best: Schema | undefined;
  let bestHits = 0;
  for (const s of schemas) {
    const hits = s.markers.filter((m) => model.text.includes(m)).length;
    if (hits > bestHits) {
      best = s;
      bestHits = hits;
    }
  }
  if (best && bestHits >= 2) return { schema: best, reason: 'markers' };
  const year = model.year;
  if (year !== undefined) {
    const s = schemas.find(
      (x) =>
        (x.years.from ?? -Infinity) <= year && year <= (x.years.to ?? Infinity) && (x.years.from !== undefined || x.years.to !== undefined),
    );
    if (s) return { schema: s, reason: 'year' };
  }
  return { reason: 'none' };
}
