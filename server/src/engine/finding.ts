import type { BoundReport } from './bind';
import type { Localized } from './schema';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Operand {
  label: Localized;
  value: number;
  start: number;
  end: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: Localized;
  start: number;
  end: number;
  related: { message: Localized; start: number; end: number }[];
  /** the arithmetic behind the finding, for hovers and JSON consumers */
  arithmetic?: { operands: Operand[]; expected: number; actual: number };
  fix?: { title: Localized; edits: TextEdit[] };
}

export interface Rule {
  id: string;
  severity: Severity;
  fixable: boolean;
  /** one line on what the rule checks, for docs and settings */
  description: Localized;
  check(report: BoundReport): Finding[];
}

export function localized(zh: string, en: string): Localized {
  return { zh, en };
}
