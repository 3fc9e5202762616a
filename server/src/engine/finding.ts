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
  /** other places that explain it; `inPrevious`: offsets in last year's report (CheckOptions.previous), not in this one */
  related: { message: Localized; start: number; end: number; inPrevious?: boolean }[];
  /** the arithmetic behind the finding, for hovers and JSON consumers */
  arithmetic?: { operands: Operand[]; expected: number; actual: number };
  fix?: { title: Localized; edits: TextEdit[] };
}

/** What a rule reports: the core stamps its id, and its default severity unless the rule states another. */
export type RuleFinding = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

/** What the registry knows of a rule: the one source for docs links, settings, SARIF and configuration. */
export interface RuleMeta {
  id: string;
  /** the severity of its findings unless a finding states another */
  severity: Severity;
  /** whether its findings may carry a fix; only such rules offer one */
  fixable: boolean;
  /** one line on what the rule checks, for docs, settings and SARIF */
  description: Localized;
}

export interface Rule extends RuleMeta {
  /** findings made for this call: the core writes their rule and severity into them */
  check(report: BoundReport): RuleFinding[];
}

/** The page that explains a rule, relative to the package root; shipped inside the extension. */
export const ruleDocsPath = (id: string) => `docs/rules/${id}.md`;

export function localized(zh: string, en: string): Localized {
  return { zh, en };
}
