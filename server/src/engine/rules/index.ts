import type { Rule } from '../finding';
import { requiredSection } from './required-section';
import { requiredTable } from './required-table';
import { sectionOrder } from './section-order';
import { tableBalance } from './table-balance';
import { tableBlankCell } from './table-blank-cell';
import { tableCellInvalid } from './table-cell-invalid';
import { tableRowMissing } from './table-row-missing';
import { tableSum } from './table-sum';

export const rules: readonly Rule[] = [
  requiredSection,
  sectionOrder,
  requiredTable,
  tableRowMissing,
  tableSum,
  tableBalance,
  tableBlankCell,
  tableCellInvalid,
];
