import type { Detection } from '../detect';
import { localized, type RuleFinding, type RuleMeta } from '../finding';
import type { Schema } from '../schema';

/** front matter 的 schema: 写了不存在的格式：整份报告无法按格式检查，其他规则都不运行。 */
export const schemaUnknown = {
  id: 'schema-unknown',
  severity: 'error',
  fixable: false,
  description: localized('front matter 中的 schema: 是已知的格式', 'The schema named in the front matter is a known one'),
  check(detection: Detection, schemas: readonly Schema[]): RuleFinding[] {
    if (!detection.unknownId) return [];
    const ids = schemas.map((s) => s.id);
    return [
      {
        message: localized(
          `未知的格式「${detection.unknownId.id}」，可用：${ids.join('、')}`,
          `Unknown schema “${detection.unknownId.id}”; known: ${ids.join(', ')}`,
        ),
        start: detection.unknownId.start,
        end: detection.unknownId.end,
        related: [],
      },
    ];
  },
} as const satisfies RuleMeta & { check(detection: Detection, schemas: readonly Schema[]): RuleFinding[] };
