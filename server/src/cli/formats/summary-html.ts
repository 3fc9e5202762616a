import { createHash } from 'node:crypto';
import type { Lang } from '../../config';
import type { CellRef, FileDiagnostic, FileResult, ResultTable } from '../results';
import { SEVERITY_WORD, WORDS, countsOf, ruleHref, type SummaryOptions } from './summary-words';

// --summary FILE.html: one page that an office can be sent and open anywhere: no network (styles and
// script inline, the system's fonts), the reports in a table that sorts, each report's findings, and
// each wrong cell shown in its table with the arithmetic. Everything from a report is untrusted text:
// it is escaped, never linked, and the page's policy runs no script but its own.
//
// The tables come from FileResult.tables and FileDiagnostic.cell: build the results with `withTables`.

const PAGE = {
  zh: {
    title: '政府信息公开工作年度报告检查结果',
    overview: (n: number, e: number, w: number, i: number) =>
      `共 ${n} 份报告：${e} 个错误，${w} 个警告，${i} 个提示。点击表头排序，点击报告查看问题。`,
    clean: '未发现问题。',
    notChecked: '未识别出报告格式，未检查。',
    partsAddUp: '各项之和',
    shouldBe: '应为',
    tableSays: '表中为',
    left: '左边',
    right: '右边',
    mustEqual: '两者应相等',
    row: '行',
    columnOf: '列',
    expandAll: '全部展开',
    collapseAll: '全部收起',
  },
  en: {
    title: 'Annual disclosure reports: check results',
    overview: (n: number, e: number, w: number, i: number) =>
      `${n} report(s): ${e} error(s), ${w} warning(s), ${i} information. Click a header to sort, a report to see its findings.`,
    clean: 'No findings.',
    notChecked: 'The report format was not recognised; not checked.',
    partsAddUp: 'the parts add up to',
    shouldBe: 'should be',
    tableSays: 'the table says',
    left: 'left side',
    right: 'right side',
    mustEqual: 'they must be equal',
    row: 'row',
    columnOf: 'column',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text and attribute values alike */
export const escapeHtml = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const total = (xs: readonly { value: number }[]) => xs.reduce((s, x) => s + x.value, 0);
const MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const mark = (k: number) => MARKS[k] ?? `(${k + 1})`;

/** "26 = 6 + 6 + 4 + 3 + 3 + 4": the figures that are not 0, each titled with its row */
function sumHtml(operands: NonNullable<FileDiagnostic['arithmetic']>['operands'], value: number): string {
  const shown = operands.filter((o) => o.value !== 0);
  const parts = shown.map((o) => `<span title="${escapeHtml(o.label)}">${num(o.value)}</span>`).join(' + ');
  return `<b>${num(value)}</b>${shown.length ? ` = ${parts}` : ''}`;
}

/**
 * The arithmetic of a finding as facts, not a verdict (the finding's message says how sure it is: the
 * parts after 其中 may be fewer than the whole): a sum, or the two sides of a balance.
 */
export function arithmeticHtml(a: NonNullable<FileDiagnostic['arithmetic']>, lang: Lang): string {
  const p = PAGE[lang];
  if (a.operands.length && near(total(a.operands), a.expected))
    return `${p.partsAddUp} ${sumHtml(a.operands, a.expected)}${lang === 'zh' ? '，' : ', '}${p.tableSays} <b class="actual">${num(a.actual)}</b>`;
  for (let k = 1; k < a.operands.length; k++) {
    const left = a.operands.slice(0, k);
    const right = a.operands.slice(k);
    if (near(total(left), a.expected) && near(total(right), a.actual)) {
      const sep = lang === 'zh' ? '，' : '; ';
      return `${p.left} ${sumHtml(left, a.expected)}${sep}${p.right} ${sumHtml(right, a.actual)}${sep}${p.mustEqual}`;
    }
  }
  return `${p.shouldBe} <b>${num(a.expected)}</b>${lang === 'zh' ? '，' : ', '}${p.tableSays} <b class="actual">${num(a.actual)}</b>`;
}

const sameCell = (a: CellRef | undefined, b: CellRef) => !!a && a.table === b.table && a.row === b.row && a.column === b.column;

/** One table with its wrong cells marked ①②… and the parts of their sums shaded, the arithmetic beside it. */
function wrongTableHtml(table: ResultTable, wrong: FileDiagnostic[], lang: Lang): string {
  const p = PAGE[lang];
  const cellClass = (ref: CellRef) => {
    // one cell may be wrong twice over (a sum and a balance): it carries every mark
    const marks = wrong.flatMap((d, k) => (sameCell(d.cell, ref) ? [mark(k)] : []));
    if (marks.length) return { cls: 'wrong', mark: `<sup>${marks.join('')}</sup>` };
    const part = wrong.some((d) => d.arithmetic?.operands.some((o) => o.value !== 0 && sameCell(o.cell, ref)));
    return { cls: part ? 'part' : '', mark: '' };
  };
  const head = `<tr><th></th>${table.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const rows = table.rows.map((r) => {
    const cells = r.cells.map((c, i) => {
      const { cls, mark } = cellClass({ table: table.id, row: r.id, column: table.columns[i].id });
      const line = c ? ` title="${escapeHtml(`${p.row} ${c.range.start.line + 1}`)}"` : '';
      return `<td${cls ? ` class="${cls}"` : ''}${line}>${c ? escapeHtml(c.text) : ''}${mark}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(r.label)}</th>${cells.join('')}</tr>`;
  });
  const notes = wrong.map((d, k) => {
    const column = table.columns.find((c) => c.id === d.cell!.column)?.label ?? '';
    const row = table.rows.find((r) => r.id === d.cell!.row)?.label ?? '';
    const where = lang === 'zh' ? `「${row}」行「${column}」列` : `${p.row} “${row}”, ${p.columnOf} “${column}”`;
    const what = d.arithmetic ? arithmeticHtml(d.arithmetic, lang) : escapeHtml(d.message);
    return `<li><span class="mark">${mark(k)}</span> ${escapeHtml(where)}${lang === 'zh' ? '：' : ': '}${what}</li>`;
  });
  return (
    `<figure class="sheet"><figcaption>${escapeHtml(table.name)}</figcaption>` +
    `<div class="scroll"><table class="cells"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>` +
    `<ol class="arithmetic">${notes.join('')}</ol></figure>`
  );
}

function findingsHtml(f: FileResult, options: SummaryOptions): string {
  const { lang } = options;
  const w = WORDS[lang];
  const rows = f.diagnostics.map((d) => {
    const rule = options.docsBase
      ? `<a href="${escapeHtml(ruleHref(options.docsBase, d.rule))}">${escapeHtml(d.rule)}</a>`
      : escapeHtml(d.rule);
    return (
      `<tr class="${d.severity}"><td>${d.range.start.line + 1}</td><td>${SEVERITY_WORD[lang][d.severity]}</td>` +
      `<td>${rule}</td><td>${escapeHtml(d.message)}</td></tr>`
    );
  });
  return (
    `<table class="findings"><thead><tr><th>${w.line}</th><th>${w.severity}</th><th>${w.rule}</th><th>${w.message}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function reportHtml(f: FileResult, id: string, options: SummaryOptions): string {
  const { lang } = options;
  const p = PAGE[lang];
  const w = WORDS[lang];
  const c = countsOf(f.diagnostics);
  // a report without a title names no office: its file name stands in
  const name = [f.report.office ?? f.path.replace(/^.*[\\/]/, ''), f.report.year].filter((x) => x !== undefined).join(' ');
  const counts = `${w.errors} ${c.errors} · ${w.warnings} ${c.warnings} · ${w.information} ${c.information}`;
  const sep = lang === 'zh' ? '：' : ': ';
  const facts = [
    `${w.file}${sep}${escapeHtml(f.path)}`,
    `${w.schema}${sep}${escapeHtml(f.schema ?? w.notRecognised)}`,
    ...(f.previous ? [`${w.previous}${sep}${escapeHtml(f.previous)}`] : []),
  ];
  const body =
    (f.schema ? '' : `<p>${p.notChecked}</p>`) + (f.diagnostics.length ? findingsHtml(f, options) : f.schema ? `<p>${p.clean}</p>` : '');
  const wrongByTable = (f.tables ?? [])
    .map((t) => ({ t, wrong: f.diagnostics.filter((d) => d.cell?.table === t.id) }))
    .filter((x) => x.wrong.length)
    .map((x) => wrongTableHtml(x.t, x.wrong, lang));
  return (
    `<section class="report" id="${id}"><details><summary><span class="name">${escapeHtml(name)}</span>` +
    `<span class="counts${c.errors ? ' has-errors' : ''}">${counts}</span></summary>` +
    `<p class="facts">${facts.join('<br>')}</p>${body}${wrongByTable.join('')}</details></section>`
  );
}

function reportsTableHtml(results: readonly FileResult[], lang: Lang): string {
  const w = WORDS[lang];
  const columns: [string, 'text' | 'number'][] = [
    [w.office, 'text'],
    [w.year, 'number'],
    [w.schema, 'text'],
    [w.errors, 'number'],
    [w.warnings, 'number'],
    [w.information, 'number'],
    [w.file, 'text'],
  ];
  const head = columns.map(([label, type]) => `<th scope="col" data-type="${type}" tabindex="0">${label}</th>`).join('');
  const rows = results.map((f, i) => {
    const c = countsOf(f.diagnostics);
    const n = (v: number) => `<td data-sort="${v}">${v}</td>`;
    return (
      `<tr><td>${escapeHtml(f.report.office ?? '')}</td><td data-sort="${f.report.year ?? -1}">${f.report.year ?? ''}</td>` +
      `<td>${escapeHtml(f.schema ?? w.notRecognised)}</td>${n(c.errors)}${n(c.warnings)}${n(c.information)}` +
      `<td><a href="#r${i}">${escapeHtml(f.path)}</a></td></tr>`
    );
  });
  return `<table id="reports"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem;color:#1f2328;line-height:1.5}
h1{font-size:1.5rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}
#reports th{cursor:pointer;user-select:none;white-space:nowrap}
#reports th[aria-sort=ascending]::after{content:" ▲"}
#reports th[aria-sort=descending]::after{content:" ▼"}
#reports td[data-sort]{text-align:right}
.report{margin:.5rem 0;border:1px solid #d0d7de;border-radius:6px;padding:.25rem .75rem}
.report summary{cursor:pointer;padding:.25rem 0}
.report .name{font-weight:600;margin-right:1rem}
.counts{color:#59636e}.counts.has-errors{color:#cf222e}
.facts{color:#59636e;font-size:.9rem}
tr.error td:nth-child(2){color:#cf222e;font-weight:600}
tr.warning td:nth-child(2){color:#9a6700}
.sheet{margin:1rem 0}
.sheet figcaption{font-weight:600}
.scroll{overflow-x:auto}
.cells td{text-align:right;min-width:2.5rem}
.cells th[scope=row]{font-weight:normal;white-space:nowrap}
.cells td.wrong{background:#ffebe9;outline:2px solid #cf222e;font-weight:700}
.cells td.part{background:#fff8c5}
.arithmetic{list-style:none;padding-left:0}
.arithmetic .actual{color:#cf222e}
button{margin:.25rem .5rem .25rem 0}
`;

// Sorting keeps ties in their order (Array.prototype.sort is stable); a report opens from its row's link.
const SCRIPT = `
(() => {
  const table = document.getElementById('reports');
  const body = table.tBodies[0];
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, i) => {
    const sort = () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => row.cells[i].dataset.sort ?? row.cells[i].textContent;
      const compare = th.dataset.type === 'number'
        ? (a, b) => Number(key(a)) - Number(key(b))
        : (a, b) => key(a).localeCompare(key(b), document.documentElement.lang);
      body.append(...[...body.rows].sort((a, b) => (ascending ? compare(a, b) : compare(b, a))));
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  const open = (id) => { const d = document.getElementById(id)?.querySelector('details'); if (d) d.open = true; };
  body.addEventListener('click', (e) => { const a = e.target.closest('a[href^="#"]'); if (a) open(a.getAttribute('href').slice(1)); });
  if (location.hash) open(location.hash.slice(1));
  const all = (state) => document.querySelectorAll('.report details').forEach((d) => { d.open = state; });
  document.getElementById('expand').addEventListener('click', () => all(true));
  document.getElementById('collapse').addEventListener('click', () => all(false));
})();
`;

/** The page, as HTML text. */
export function summaryHtml(results: readonly FileResult[], options: SummaryOptions): string {
  const { lang } = options;
  const p = PAGE[lang];
  const c = countsOf(results.flatMap((f) => f.diagnostics));
  // the policy allows this page's own script and style and nothing else: no request leaves the page
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  const policy = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nianbao">
<title>${p.title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${p.title}</h1>
<p>${p.overview(results.length, c.errors, c.warnings, c.information)}</p>
${reportsTableHtml(results, lang)}
<p><button type="button" id="expand">${p.expandAll}</button><button type="button" id="collapse">${p.collapseAll}</button></p>
${results.map((f, i) => reportHtml(f, `r${i}`, options)).join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
