import { localized, type RuleFinding, type Rule } from '../finding';
import { FACT, halfLineOf, lineFacts } from '../prose';
import { proseLines } from './reportText';

/**
 * 按 2021 年格式编写的报告（2021 年度起）引用的是已被替代的 2019 年格式文件国办公开办函〔2019〕60号，
 * 多半是照抄了往年报告的开头。
 */
export const outdatedReference: Rule = {
  id: 'outdated-reference',
  severity: 'warning',
  fixable: false,
  description: localized(
    '2021 年格式的报告不再引用 2019 年格式的文件（国办公开办函〔2019〕60号）',
    'A 2021-format report does not cite the 2019 format (国办公开办函〔2019〕60号)',
  ),
  check(report) {
    const year = report.model.year;
    // the 2021 format: the built-in schema, or a report on 2021 or later
    if (
      report.schema.id !== 'gov-2021' &&
      !(year !== undefined && year >= 2021 && report.schema.years.from !== undefined && report.schema.years.from >= 2021)
    )
      return [];
    const out: RuleFinding[] = [];
    const halfLine = halfLineOf(report.model);
    const facts = lineFacts(report.model);
    for (const l of proseLines(report.model)) {
      if (!(facts[l.index] & FACT.digit)) continue;
      const t = halfLine(l.index);
      if (!t.includes('60')) continue;
      const re = /国办公开办函\s*[〔\[［(（【]\s*2019\s*[〕\]］)）】]\s*60\s*号/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t)))
        out.push({
          message: localized(
            '国办公开办函〔2019〕60号是 2019 年格式的文件，2021 年度起的年度报告按国办公开办函〔2021〕30号的格式编写：是否沿用了往年报告的文字？',
            '国办公开办函〔2019〕60号 set the 2019 format; reports on 2021 and later follow 国办公开办函〔2021〕30号: is this text carried over from an earlier report?',
          ),
          start: l.start + m.index,
          end: l.start + m.index + m[0].length,
          related: [],
        });
    }
    return out;
  },
};
