import type { Rule, RuleMeta } from '../finding';
import { internalError } from './internal-error';
import { schemaUnknown } from './schema-unknown';
import { completionRate } from './completion-rate';
import { crossYear } from './cross-year';
import { repeatedText } from './repeated-text';
import { unchangedParagraph } from './unchanged-paragraph';
import { outcomeClaim } from './outcome-claim';
import { proseConflict } from './prose-conflict';
import { growthRate } from './growth-rate';
import { partsCount } from './parts-count';
import { percentOfTotal } from './percent-of-total';
import { percentSum } from './percent-sum';
import { proseSum } from './prose-sum';
import { proseTable } from './prose-table';
import { requiredSection } from './required-section';
import { requiredTable } from './required-table';
import { sectionOrder } from './section-order';
import { tableBalance } from './table-balance';
import { tableBlankCell } from './table-blank-cell';
import { tableCellInvalid } from './table-cell-invalid';
import { tableRowMissing } from './table-row-missing';
import { tableSum } from './table-sum';
// reports before 2019, numbering, years and dates, leftovers from copying
import { approximateExact } from './approximate-exact';
import { documentNumberBrackets } from './document-number-brackets';
import { listNumbering } from './list-numbering';
import { otherOffice } from './other-office';
import { otherYear } from './other-year';
import { outdatedReference } from './outdated-reference';
import { placeholder } from './placeholder';
import { publicationDeadline } from './publication-deadline';
import { requiredContent } from './required-content';
import { sectionNumbering } from './section-numbering';
import { statisticsPeriod } from './statistics-period';
import { tableBreakdown } from './table-breakdown';
import { yearTypo } from './year-typo';

export const rules: readonly Rule[] = [
  requiredSection,
  sectionOrder,
  requiredTable,
  tableRowMissing,
  tableSum,
  tableBalance,
  tableBlankCell,
  tableCellInvalid,
  proseTable,
  proseSum,
  completionRate,
  percentOfTotal,
  percentSum,
  outcomeClaim,
  proseConflict,
  growthRate,
  crossYear,
  repeatedText,
  unchangedParagraph,
  partsCount,
  requiredContent,
  tableBreakdown,
  sectionNumbering,
  listNumbering,
  statisticsPeriod,
  yearTypo,
  otherYear,
  publicationDeadline,
  outdatedReference,
  placeholder,
  approximateExact,
  documentNumberBrackets,
  otherOffice,
];

/** Every id a finding can carry, with what the code knows of it: docs, settings, SARIF and configuration read this list. */
export const ruleRegistry: readonly RuleMeta[] = [schemaUnknown, ...rules, internalError];

export const ruleIds: readonly string[] = ruleRegistry.map((r) => r.id);

export { internalError, internalErrorFinding } from './internal-error';
export { schemaUnknown } from './schema-unknown';
