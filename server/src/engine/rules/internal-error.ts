import { localized, type RuleFinding, type RuleMeta } from '../finding';

/**
 * 规则运行出错：一条规则抛出异常时，只少了这条规则的结果，其他规则照常报告。
 * A warning, not an error: the report is not known to be wrong, the checker is.
 */
export const internalError = {
  id: 'internal-error',
  severity: 'warning',
  fixable: false,
  description: localized(
    '某条规则在这份报告上运行出错（检查工具的问题，不是报告的问题）',
    'A rule failed on this report (a fault of the checker, not of the report)',
  ),
} as const satisfies RuleMeta;

export function internalErrorFinding(ruleId: string, error: unknown): RuleFinding {
  const why = error instanceof Error ? error.message : String(error);
  return {
    message: localized(
      `规则 ${ruleId} 在这份报告上运行出错，它的检查结果缺失（其他规则的结果不受影响）。请将报告和这条消息反馈给 nianbao 的开发者：${why}`,
      `The rule ${ruleId} failed on this report, so its findings are missing (the other rules' are not). Please report it to the nianbao developers with the report: ${why}`,
    ),
    start: 0,
    end: 0,
    related: [],
  };
}
