import assert from 'node:assert/strict';
import { boundCells, findingsOf } from './reports';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TextDecoder } from 'node:util';
import { htmlReader, MAX_HTML_BYTES, readHtml } from '../../server/src/documents/html';
import { decodePage } from '../../server/src/documents/htmlDecode';
import { pipeRow } from '../../server/src/documents/htmlText';
import { DocumentProblem } from '../../server/src/documents/types';
import { checkReport } from '../../server/src/engine';

// Reports of the corpus put into web pages in the shape of a government site (header, navigation,
// breadcrumbs, an info bar with print and font-size buttons, share buttons, related links, a footer
// with 网站标识码 and ICP number, scripts), with the official tables' merged header cells, some pages
// in GBK: reading the page gives the same findings as the corpus text.

const corpus = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'corpus', name), 'utf8');

// ---------- a government site's page around a report ----------

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const TITLE = /((?:19|20)\d{2})\s*年.{0,40}?(?:报告|年报)/;
const CJK = /[\u3400-\u9fff，。、；：“”（）]/;

/** Word and CMS editors wrap their HTML source anywhere; here between two Chinese characters */
function wrapSource(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += text[i];
    if (i % 40 === 39 && CJK.test(text[i]) && CJK.test(text[i + 1] ?? '')) out += '\n      ';
  }
  return out;
}

const cellsOf = (line: string) => line.split('|').map((c) => c.trim());
const td = (text: string, span = '') => `<td${span}>${escape(text)}</td>`;

const TABLE3_HEADER = `<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>`;

const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const TABLE4_HEADER = `<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr>${RESULTS.map((r) => `<td rowspan="2">${r}</td>`).join('')}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>${[...RESULTS, ...RESULTS].map((r) => `<td>${r}</td>`).join('')}</tr>`;

interface Row3 {
  group?: string;
  sub?: string;
  item?: string;
  values: string[];
}

/** "三、本年度办理结果 （三）不予公开 1.属于国家秘密" or with " / " between: the three label columns of 表三 */
function row3(line: string): Row3 {
  const [label, ...values] = cellsOf(line);
  const m = /^(三、本年度办理结果)?[\s/]*(（[一二三四五六七]）[^0-9]*?)?[\s/]*(\d+\..*)?$/.exec(label);
  if (!m || /^[一二四]、/.test(label)) return { group: label, values };
  return { group: m[1], sub: m[2]?.trim(), item: m[3], values };
}

/** 表三 as the national template draws it: 三、 spans its rows, （三）不予公开 spans its eight items */
function table3(lines: string[]): string {
  const rows = lines.map(row3);
  let sub: string | undefined;
  const withSub = rows.map((r) => ({ ...r, sub: r.group && !r.sub && !r.item ? undefined : (sub = r.sub ?? sub) }));
  const inResults = (r: Row3) => !!r.sub || !!r.item;
  const html = withSub.map((r, i) => {
    if (!inResults(r)) return `<tr>${td(r.group ?? '', ' colspan="3"')}${r.values.map((v) => td(v)).join('')}</tr>`;
    let head = '';
    if (!inResults(withSub[i - 1] ?? { values: [] }))
      head += td('三、本年度办理结果', ` rowspan="${withSub.slice(i).findIndex((x) => !inResults(x)) >>> 0}"`);
    const firstOfSub = withSub[i - 1]?.sub !== r.sub;
    const span = withSub.slice(i).findIndex((x) => x.sub !== r.sub);
    const count = span === -1 ? withSub.length - i : span;
    if (firstOfSub) head += r.item ? td(r.sub ?? '', ` rowspan="${count}"`) + td(r.item) : td(r.sub ?? '', ' colspan="2"');
    else head += td(r.item ?? '');
    return `<tr>${head}${r.values.map((v) => td(v)).join('')}</tr>`;
  });
  return html.join('\n');
}

function tableHtml(lines: string[]): string {
  const first = lines.findIndex((l) => l.includes('本年新收'));
  if (first >= 0) return TABLE3_HEADER + '\n' + table3(lines.slice(first));
  if (lines.some((l) => /复议/.test(l)) && lines.length <= 3) {
    const values = lines.filter((l) => !/复议/.test(l));
    return (
      TABLE4_HEADER +
      '\n' +
      values
        .map(
          (l) =>
            `<tr>${cellsOf(l)
              .map((v) => td(v))
              .join('')}</tr>`,
        )
        .join('\n')
    );
  }
  return lines
    .map((l, i) => {
      const cells = cellsOf(l);
      const tag = i === 0 && !cells.some((c) => /^\d/.test(c)) ? 'th' : 'td';
      return `<tr>${cells.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
    })
    .join('\n');
}

/** the report's lines as the article's HTML: paragraphs, headings in bold, tables */
function articleHtml(lines: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (lines[i].includes('|')) {
      const block: string[] = [];
      while (i < lines.length && lines[i].includes('|')) block.push(lines[i++]);
      out.push(`<table border="1" cellspacing="0" style="width:100%">\n<tbody>\n${tableHtml(block)}\n</tbody>\n</table>`);
      continue;
    }
    const line = lines[i++].trim();
    if (!line) continue;
    if (/^[一二三四五六七八九十]+、/.test(line) && line.length < 30)
      out.push(`<p style="text-indent:2em"><strong>${escape(line)}</strong></p>`);
    else
      out.push(
        `<p class="MsoNormal" style="text-indent:2em">&nbsp;&nbsp;<span style="font-family:仿宋_GB2312">${wrapSource(escape(line))}</span></p>`,
      );
  }
  return out.join('\n');
}

const NAV = [
  '首页',
  '政务公开',
  '政务服务',
  '互动交流',
  '走进本区',
  '政府信息公开指南',
  '政府信息公开制度',
  '法定主动公开内容',
  '政府信息公开年报',
];

/** A page as a government site serves it, with the report's title above its body, as most sites have it. */
function governmentPage(report: string, meta: string): string {
  const lines = report.split('\n');
  const title = TITLE.test(lines[0]) && lines[0].length <= 80 ? lines.shift()! : undefined;
  const date = /^发布日期：/.test(lines[0] ?? '') ? lines.shift()! : undefined;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${meta}
<title>${escape(title ?? '政府信息公开工作年度报告')}_某某区人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css">
<script type="text/javascript">var _hmt = _hmt || []; function doZoom(size) { document.getElementById('zoom').style.fontSize = size + 'px'; }</script>
<style>.nav li { float: left; } #zoom p { line-height: 2; }</style>
</head>
<body>
<div class="top-bar"><div class="wrap">欢迎访问某某区人民政府门户网站 <a href="/">无障碍</a> <a href="/en">English</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="某某区人民政府"></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<ul class="nav">${NAV.map((n) => `<li><a href="/${encodeURIComponent(n)}/">${n}</a></li>`).join('')}</ul>
<div class="main">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
  <div class="left-menu"><h3>政府信息公开</h3><ul>${NAV.slice(5)
    .map((n) => `<li><a href="#">${n}</a></li>`)
    .join('')}</ul></div>
  <div class="article">
    ${title ? `<h1 class="article-title">${escape(title)}</h1>` : ''}
    <div class="info">${date ? `<span>${escape(date)}</span>` : '<span>来源：本网</span>'}
      <span class="fontsize">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>
      <span class="print-btn"><a href="javascript:window.print()">打印本页</a></span></div>
    <div id="zoom" class="TRS_Editor">
${articleHtml(lines)}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="btns"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
  <div class="related"><h3>相关链接</h3><ul><li><a href="#">国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知</a></li><li><a href="#">上一年度政府信息公开工作年度报告</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：某某区人民政府办公室　承办单位：某某区大数据中心</p>
<p>网站标识码：3501000001　<a href="https://beian.miit.gov.cn">闽ICP备12345678号-1</a>　闽公网安备 35010202000123号</p>
<p>地址：某某区某某路1号　邮编：350000　联系电话：0591-12345678</p></div>
<script>document.write('<span id="visits">访问量：' + 123456 + '</span>');</script>
</body>
</html>
`;
}

/** A report saved from Word as a web page (.htm): mso markup, conditional comments, figures in spans of their own. */
function wordPage(report: string): string {
  const paragraphs = report.split('\n').map((line) => {
    if (line.includes('|')) return line;
    const spans = escape(line.trim()).replace(
      /(\d+)/g,
      "</span><span lang=EN-US style='font-family:\"Times New Roman\"'>$1</span><span style='font-family:仿宋_GB2312'>",
    );
    return `<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-family:仿宋_GB2312'>${wrapSource(spans)}</span><o:p></o:p></p>`;
  });
  const body: string[] = [];
  for (let i = 0; i < paragraphs.length;) {
    if (!paragraphs[i].includes('|')) {
      body.push(paragraphs[i++]);
      continue;
    }
    const block: string[] = [];
    while (i < paragraphs.length && paragraphs[i].includes('|')) block.push(paragraphs[i++]);
    body.push(
      `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n${tableHtml(block)}\n</table>`,
    );
  }
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15 (filtered)">
<style>
<!--
 p.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt; font-family:"Times New Roman";}
-->
</style>
<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026"/></xml><![endif]-->
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1 style='layout-grid:15.6pt'>
${body.join('\n')}
</div>
</body>
</html>
`;
}

// ---------- encodings ----------

let gbkTable: Map<string, number[]> | undefined;

/** GBK bytes for a text: the table is read back from the platform's GB18030 decoder */
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const c = decoder.decode(Uint8Array.of(lead, trail));
        if (c.length === 1 && !gbkTable.has(c)) gbkTable.set(c, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (gbkTable.has(c)) bytes.push(...gbkTable.get(c)!);
    else for (const b of Buffer.from(`&#${code};`)) bytes.push(b); // outside GBK: a character reference, as editors write it
  }
  return Uint8Array.from(bytes);
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function problemOf(bytes: Uint8Array): Promise<DocumentProblem> {
  let text: string;
  try {
    text = (await htmlReader.read(bytes)).text;
  } catch (e) {
    assert.ok(e instanceof DocumentProblem, `a DocumentProblem, not ${e}`);
    return e;
  }
  assert.fail(`the page was read: ${text.slice(0, 300)}`);
}

// ---------- the tests ----------

const pages: { report: string; schema: string; encode: (html: string) => Uint8Array; meta: string }[] = [
  { report: 'shanghai-municipal-govt-office-2019.txt', schema: 'gov-2019', encode: gbk, meta: '<meta charset="gb2312">' },
  {
    report: 'pingtan-zhqsyq-2020.txt',
    schema: 'gov-2019',
    encode: utf8,
    meta: '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
  },
  {
    report: 'pingtan-zhqsyq-2021.txt',
    schema: 'gov-2021',
    encode: gbk,
    meta: '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
  },
  { report: 'pingtan-zhqsyq-2024.txt', schema: 'gov-2021', encode: utf8, meta: '' },
  { report: 'pingtan-county-govt-2013.txt', schema: 'gov-2008', encode: gbk, meta: '' },
  { report: 'chongqing-qianjiang-2016.txt', schema: 'gov-2008', encode: utf8, meta: '<meta charset="utf-8">' },
];

describe('web page reader: corpus reports in a government site’s page', () => {
  for (const { report, schema, encode, meta } of pages)
    test(`${report} (${schema}, ${encode === gbk ? 'GBK' : 'UTF-8'}${meta ? '' : ', no charset declared'}): the findings of its text`, async () => {
      const text = corpus(report);
      const html = governmentPage(text, meta);
      const doc = await htmlReader.read(encode(html));
      const fromPage = checkReport(doc.text);
      const fromText = checkReport(text);
      assert.equal(fromText.detection.schema?.id, schema);
      assert.equal(fromPage.detection.schema?.id, schema);
      assert.deepEqual(findingsOf(fromPage), findingsOf(fromText));
      assert.deepEqual(boundCells(fromPage), boundCells(fromText));
      for (const furniture of [
        '当前位置',
        '网站标识码',
        'ICP',
        '打印本页',
        '关闭窗口',
        '分享到',
        '字体',
        '相关链接',
        '访问量',
        '走进本区',
        '互动交流',
        'doZoom',
      ])
        if (!text.includes(furniture)) assert.ok(!doc.text.includes(furniture), `${furniture} left out`);
      const sourceLines = html.split('\n');
      for (const f of fromPage.findings.slice(0, 5)) {
        const where = doc.locate(f.start);
        assert.equal(where?.kind, 'html');
        const quoted = doc.text.slice(f.start, f.end).trim();
        if (where?.kind === 'html' && /^\d+$/.test(quoted))
          assert.ok(sourceLines[where.line - 1].includes(quoted), `${quoted} on line ${where.line}`);
      }
    });

  test('pingtan-zhqsyq-2022.txt saved from Word as a web page (GB2312, mso markup): the findings of its text', () => {
    const text = corpus('pingtan-zhqsyq-2022.txt');
    const doc = readHtml(gbk(wordPage(text)));
    assert.deepEqual(findingsOf(checkReport(doc.text)), findingsOf(checkReport(text)));
    assert.deepEqual(boundCells(checkReport(doc.text)), boundCells(checkReport(text)));
    assert.ok(!doc.text.includes('MsoNormal') && !doc.text.includes('shapedefaults'));
  });

  test('the official 表三 header and the merged label cells become rows the engine binds', () => {
    const doc = readHtml(utf8(governmentPage(corpus('pingtan-zhqsyq-2021.txt'), '<meta charset="utf-8">')));
    const lines = doc.text.split('\n');
    assert.ok(lines.includes('三、本年度办理结果 （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30'));
    assert.ok(lines.includes('（三）不予公开 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0'));
    assert.ok(lines.includes('2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0'));
    assert.ok(lines.includes('1 | 0 | 2 | 0 | 3 | 12 | 0 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0'));
    const bound = checkReport(doc.text).bound!;
    assert.equal(bound.tables.get('applicationTable')?.rows.size, 25);
    assert.equal(bound.tables.get('reviewLitigationTable')?.rows.size, 3);
  });

  test('the title above the article, and the lines of the page source', () => {
    const html = governmentPage(corpus('shanghai-municipal-govt-office-2019.txt'), '<meta charset="utf-8">');
    const doc = readHtml(utf8(html));
    const [title, date] = doc.text.split('\n');
    assert.equal(title, '2019年上海市人民政府办公厅政府信息公开工作年度报告');
    assert.equal(date, '发布日期：2020-01-31');
    const source = html.split('\n');
    assert.deepEqual(doc.locate(0), { kind: 'html', line: source.findIndex((l) => l.includes('<h1')) + 1 });
    const row = doc.text.indexOf('一、本年新收政府信息公开申请数量');
    assert.deepEqual(doc.locate(row), { kind: 'html', line: source.findIndex((l) => l.includes('一、本年新收政府信息公开申请数量')) + 1 });
    // a cell on a line of its own in the source: a finding on it names that line
    const cellPage = `<html><body><div id="zoom"><p>${'本年度共收到政府信息公开申请21件，全部按期答复。'.repeat(3)}</p>
<table><tr>
<td>（七）总计</td>
<td>20</td>
<td>1</td>
<td>21</td></tr></table></div></body></html>`;
    const cells = readHtml(utf8(cellPage));
    const total = cells.text.indexOf('（七）总计');
    assert.equal(cells.text.slice(total), '（七）总计 | 20 | 1 | 21\n');
    assert.deepEqual(cells.locate(total), { kind: 'html', line: 3 });
    assert.deepEqual(cells.locate(cells.text.indexOf('20', total)), { kind: 'html', line: 4 });
    assert.deepEqual(cells.locate(cells.text.indexOf('21', total)), { kind: 'html', line: 6 });
    // a paragraph wrapped in the source: its second half is on a later line, joined without a space
    const wrapped = source.findIndex((l, i) => i > 0 && source[i - 1].includes('MsoNormal') && /^ {6}\S/.test(l));
    const piece = source[wrapped].trim().slice(0, 8);
    assert.deepEqual(doc.locate(doc.text.indexOf(piece)), { kind: 'html', line: wrapped + 1 });
    assert.ok(!/[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(doc.text.split('\n')[3]), 'no space where the source wrapped');
  });
});

describe('web page reader: what belongs to the article', () => {
  const prose = '<p>本年度共收到政府信息公开申请21件，全部按期答复，没有行政复议和行政诉讼。</p>'.repeat(10);

  test('tables beside the prose’s own wrapper are read with it', () => {
    const html = `<html><body><div class="nav"><a href="/">首页</a></div><div id="zoom"><div class="text">${prose}</div>
<table><tr><td>一、本年新收政府信息公开申请数量</td><td>21</td><td>0</td><td>21</td></tr></table></div></body></html>`;
    assert.match(readHtml(utf8(html)).text, /^一、本年新收政府信息公开申请数量 \| 21 \| 0 \| 21$/m);
  });

  test('a report kept as text in <pre>: its own line breaks', () => {
    const text = corpus('pingtan-zhqsyq-2021.txt');
    const html = `<html><head><meta charset="utf-8"></head><body><div class="nav"><a href="/">首页</a></div>\n<pre>${escape(text)}</pre></body></html>`;
    const doc = readHtml(utf8(html));
    assert.deepEqual(findingsOf(checkReport(doc.text)), findingsOf(checkReport(text)));
    assert.deepEqual(doc.locate(doc.text.indexOf('一、总体情况')), { kind: 'html', line: 3 });
  });

  test('a block of links inside the article, whatever its class, is left out', () => {
    const links = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容'].map((t) => `<li><a href="#">${t}</a></li>`).join('');
    const html = `<html><body><div id="zoom">${prose}<ul class="x">${links}</ul><p>附件：<a href="/a.doc">统计表.doc</a></p></div></body></html>`;
    const text = readHtml(utf8(html)).text;
    assert.ok(!text.includes('政府信息公开指南'));
    assert.match(text, /本年度共收到政府信息公开申请21件/);
  });
});

describe('web page reader: charsets', () => {
  const page = (body: string) => `<html><head>{META}</head><body><div id="content"><p>${body}</p></div></body></html>`;
  const report = '本报告由某某区人民政府办公室编制，统计期限自2023年1月1日起至2023年12月31日止。'.repeat(3);

  for (const [label, meta, encode] of [
    ['<meta charset="gb2312">', '<meta charset="gb2312">', gbk],
    ['http-equiv GBK', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">', gbk],
    ['GBK without a declaration', '', gbk],
    ['UTF-8 declared gb2312 (re-encoded on saving)', '<meta charset="gb2312">', utf8],
    ['UTF-8 with a byte-order mark', '', (s: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)])],
  ] as const)
    test(label, () => {
      assert.ok(readHtml(encode(page(report).replace('{META}', meta))).text.startsWith('本报告由某某区人民政府办公室编制'));
    });

  test('the declared charset is found in <meta charset> and in http-equiv', () => {
    assert.equal(decodePage(gbk('<meta charset="gb2312"><p>年报</p>')).encoding, 'gb18030');
    assert.equal(decodePage(utf8('<p>年报</p>')).encoding, 'utf-8');
    assert.equal(decodePage(Uint8Array.from([0xff, 0xfe, 0x3c, 0x00])).encoding, 'utf-16le');
  });
});

describe('web page reader: pages that are no report', () => {
  test('a page with only navigation, header and footer', async () => {
    const html = governmentPage('', '<meta charset="utf-8">').replace(/<div id="zoom"[\s\S]*?<\/div>/, '');
    const problem = await problemOf(utf8(html));
    assert.match(problem.problem.zh, /^网页中没有找到报告正文/);
    assert.match(problem.problem.en, /No report text was found/);
  });

  test('binary junk', async () => {
    const junk = new Uint8Array(100_000).map((_, i) => (i * 7919 + (i >> 7)) % 256);
    assert.match((await problemOf(junk)).problem.zh, /^文件不是网页/);
    assert.match((await problemOf(new Uint8Array(0))).problem.zh, /^文件不是网页/);
  });

  const nested = (depth: number) =>
    `<html><body>${'<div><span>'.repeat(depth / 2)}${'本年度共收到政府信息公开申请21件，全部按期答复。'.repeat(4)}${'</span></div>'.repeat(depth / 2)}</body></html>`;

  test('18,000 nested elements: no stack overflow, the text read', () => {
    const started = Date.now();
    assert.match(readHtml(utf8(nested(18_000))).text, /^本年度共收到政府信息公开申请21件/);
    assert.ok(Date.now() - started < 10_000);
  });

  test('1,000,000 nested elements: refused at once with a message', async () => {
    const started = Date.now();
    const problem = await problemOf(utf8(nested(1_000_000)));
    assert.match(problem.problem.zh, /^网页结构异常：标签嵌套超过 20000 层/);
    assert.ok(Date.now() - started < 2000);
  });

  test('unclosed nested tags without end', () => {
    const html = `<html><body><div id="zoom">${'<table><tr><td><p><b><i>'.repeat(3000)}${'本年度共收到政府信息公开申请21件，全部按期答复，没有行政复议和行政诉讼。'.repeat(3)}`;
    assert.match(readHtml(utf8(html)).text, /本年度共收到政府信息公开申请21件/);
  });

  test('a 100 MB file: refused at once with a message', async () => {
    const huge = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    const started = Date.now();
    const problem = await problemOf(huge);
    assert.ok(Date.now() - started < 1000);
    assert.match(problem.problem.zh, /^网页文件过大（100 MB，上限 16 MB）/);
    assert.equal(MAX_HTML_BYTES, 16 * 1024 * 1024);
  });

  test('a large page under the limit is read in bounded time', () => {
    const paragraph = '<p>本年度共收到政府信息公开申请21件，全部按期答复，没有行政复议和行政诉讼。</p>\n';
    const html = `<html><body><div id="zoom">${paragraph.repeat(Math.floor((12 * 1024 * 1024) / Buffer.byteLength(paragraph)))}</div></body></html>`;
    const started = Date.now();
    const doc = readHtml(utf8(html));
    assert.ok(doc.text.length > 1_000_000);
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
  });
});

describe('web page reader: table rows', () => {
  test('label cells joined, the unit cell of the old tables kept, blank cells kept', () => {
    assert.equal(pipeRow(['（三）不予公开', '1.属于国家秘密', '0', '1']), '（三）不予公开 1.属于国家秘密 | 0 | 1');
    assert.equal(pipeRow(['主动公开信息数', '条', '1853', '5395']), '主动公开信息数 | 条 | 1853 | 5395');
    assert.equal(pipeRow(['（六）其他处理', '', '', '']), '（六）其他处理 |  |  | ');
    assert.equal(pipeRow(['', '', '']), '');
    assert.equal(pipeRow(['信息内容', '本年制发件数', '本年废止件数']), '信息内容 | 本年制发件数 | 本年废止件数');
    assert.equal(pipeRow(['10', '1', '0']), '10 | 1 | 0');
  });
});
