import type { Finding, TextEdit } from '../finding';
import { lineIndexAt, type ReportModel } from '../model';
import { pick, type Lang } from './l10n';

// Quick fixes that write a nianbao-disable comment into a Markdown report (see ../directives.ts).

export interface DisableAction {
  scope: 'line' | 'table' | 'file';
  title: string;
  edits: TextEdit[];
}

const TABLE_LINE = /\|/;

const lineIndexOf = (model: ReportModel, offset: number) => lineIndexAt(model.lines, offset);

const indentOf = (text: string) => /^[ \t]*/.exec(text)![0];

/**
 * The ways to silence a finding: on its line; for a finding in a pipe table, around the table
 * (a comment line inside a table would end it); and in the whole file. A finding in the front
 * matter can only be silenced file-wide, the comment going after the front matter.
 */
export function disableActions(model: ReportModel, finding: Finding, lang: Lang): DisableAction[] {
  const rule = finding.rule;
  const out: DisableAction[] = [];
  const fm = model.frontMatter;
  const inFrontMatter = !!fm && finding.start <= fm.end;
  const l = lineIndexOf(model, finding.start);
  const line = model.lines[l];
  const eol = model.text.slice(line.end, model.lines[l + 1]?.start ?? line.end) || '\n';
  if (!inFrontMatter) {
    if (TABLE_LINE.test(line.text) && line.text.trim()) {
      let first = l;
      let last = l;
      while (first > 0 && TABLE_LINE.test(model.lines[first - 1].text) && !(fm && model.lines[first - 1].start <= fm.end)) first--;
      while (last + 1 < model.lines.length && TABLE_LINE.test(model.lines[last + 1].text)) last++;
      const top = model.lines[first];
      const bottom = model.lines[last];
      out.push({
        scope: 'table',
        title: pick(
          lang,
          `在本表中关闭规则 ${rule}（插入 nianbao-disable / nianbao-enable 注释）`,
          `Disable ${rule} for this table (nianbao-disable / nianbao-enable comments)`,
        ),
        edits: [
          { start: top.start, end: top.start, newText: `${indentOf(top.text)}<!-- nianbao-disable ${rule} -->${eol}` },
          { start: bottom.end, end: bottom.end, newText: `${eol}${indentOf(top.text)}<!-- nianbao-enable ${rule} -->` },
        ],
      });
    } else
      out.push({
        scope: 'line',
        title: pick(
          lang,
          `在此行关闭规则 ${rule}（插入 nianbao-disable-next-line 注释）`,
          `Disable ${rule} for this line (nianbao-disable-next-line comment)`,
        ),
        edits: [{ start: line.start, end: line.start, newText: `${indentOf(line.text)}<!-- nianbao-disable-next-line ${rule} -->${eol}` }],
      });
  }
  const at = fm ? (model.lines[lineIndexOf(model, fm.end) + 1]?.start ?? model.text.length) : 0;
  const afterFm = fm && at === model.text.length && !/\r?\n$/.test(model.text) ? eol : '';
  out.push({
    scope: 'file',
    title: pick(
      lang,
      `在整个文件中关闭规则 ${rule}（插入 nianbao-disable-file 注释）`,
      `Disable ${rule} for the entire file (nianbao-disable-file comment)`,
    ),
    edits: [{ start: at, end: at, newText: `${afterFm}<!-- nianbao-disable-file ${rule} -->${eol}` }],
  });
  return out;
}
