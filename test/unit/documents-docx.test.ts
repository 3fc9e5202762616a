import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docxReader, readDocxSync } from '../../server/src/documents/docx';
import { formatNumber } from '../../server/src/documents/docxNumbering';
import { describeSource } from '../../server/src/documents/types';
import { li, lvl, p, rawDocx, W } from '../fixtures/docx/rawDocx';

// The Word reader on small files written by hand: what Word shows is what the engine gets.

const read = (body: string, more: { numbering?: string; styles?: string; extra?: Record<string, string> } = {}) =>
  readDocxSync(rawDocx({ body, ...more }));

test('paragraphs one to a line, runs joined, hidden text and field codes left out', () => {
  const body =
    p('某某区人民政府2024年政府信息公开工作年度报告') +
    '<w:p><w:r><w:t>全年收到</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>120</w:t></w:r><w:r><w:t>件。</w:t></w:r>' +
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' +
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
    '<w:p/>' +
    p('第三段');
  const doc = read(body);
  assert.equal(doc.text, '某某区人民政府2024年政府信息公开工作年度报告\n全年收到120件。7\n\n第三段');
  assert.deepEqual(doc.locate(0), { kind: 'docx', paragraph: 1 });
  assert.deepEqual(doc.locate(doc.text.indexOf('120')), { kind: 'docx', paragraph: 2 });
  // an empty paragraph is no paragraph a reader would count
  assert.deepEqual(doc.locate(doc.text.indexOf('第三段')), { kind: 'docx', paragraph: 3 });
  assert.equal(doc.locate(doc.text.length + 1), undefined);
});

test('tracked changes read as accepted: insertions kept, deletions and moved-from text dropped', () => {
  const body =
    '<w:p><w:r><w:t>共收到</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>' +
    '<w:ins w:id="2" w:author="a"><w:r><w:t>21</w:t></w:r></w:ins><w:r><w:t>件申请。</w:t></w:r>' +
    '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的</w:t></w:r></w:moveFrom></w:p>' +
    // a deleted paragraph mark: accepting it runs this paragraph into the next
    '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>' +
    p('后半句。') +
    '<w:p><w:moveTo w:id="5" w:author="a"><w:r><w:t>移来的</w:t></w:r></w:moveTo></w:p>' +
    // a table row deleted as a whole
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>留下</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>' +
    '<w:tr><w:trPr><w:del w:id="6" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>删去</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
  assert.equal(read(body).text, '共收到21件申请。\n前半句，后半句。\n移来的\n留下 | 1');
});

test('footnotes, comments, headers and text boxes are left out', () => {
  const body =
    '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>文字</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>' +
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
    '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>';
  const extra = {
    'word/footnotes.xml': `<w:footnotes xmlns:w="${W}"><w:footnote w:id="1"><w:p><w:r><w:t>脚注内容</w:t></w:r></w:p></w:footnote></w:footnotes>`,
    'word/comments.xml': `<w:comments xmlns:w="${W}"><w:comment w:id="0"><w:p><w:r><w:t>批注内容</w:t></w:r></w:p></w:comment></w:comments>`,
    'word/header1.xml': `<w:hdr xmlns:w="${W}"><w:p><w:r><w:t>页眉内容</w:t></w:r></w:p></w:hdr>`,
  };
  assert.equal(read(body, { extra }).text, '正文文字\n');
});

test('Word list numbering drawn as the text it shows: 一、 （一） 1. restarting under each heading', () => {
  const numbering =
    `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  const body = [
    li(1, 0, '总体情况'),
    li(1, 1, '主动公开'),
    li(1, 2, '规章'),
    li(1, 2, '规范性文件'),
    li(1, 1, '依申请公开'),
    li(1, 0, '主动公开政府信息情况'),
    li(1, 1, '第二十条'),
  ].join('');
  assert.equal(
    read(body, { numbering }).text,
    ['一、总体情况', '（一）主动公开', '1.规章', '2.规范性文件', '（二）依申请公开', '二、主动公开政府信息情况', '（一）第二十条'].join(
      '\n',
    ),
  );
});

test('numbering: two nums of one list continue it, a start override restarts it, lvlRestart 0 never restarts', () => {
  const numbering =
    `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>';
  const body = [li(1, 0, 'a'), li(1, 1, 'x'), li(2, 0, 'b'), li(2, 1, 'y'), li(3, 0, 'c'), li(3, 0, 'd')].join('');
  assert.equal(read(body, { numbering }).text, '一、a\n1.x\n二、b\n2.y\n五、c\n六、d');
});

test('numbering carried by a paragraph style (标题 1 linked to a list), and numId 0 switching it off', () => {
  const numbering =
    `<w:abstractNum w:abstractNumId="7">${lvl(0, 'chineseCounting', '%1、', '<w:pStyle w:val="Heading1"/>')}</w:abstractNum>` +
    '<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>';
  const styles =
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>';
  const body = [
    p('总体情况', '<w:pStyle w:val="Heading1"/>'),
    p('主动公开政府信息情况', '<w:pStyle w:val="MyHeading"/>'),
    p('不编号', '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
  ].join('');
  assert.equal(read(body, { numbering, styles }).text, '一、总体情况\n二、主动公开政府信息情况\n# 不编号');
});

test("a heading in Word's outline without a number of its own becomes a Markdown heading; a numbered one stays as it is", () => {
  const styles =
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="My heading"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>';
  const body = [
    p('总体情况', '<w:pStyle w:val="1"/>'),
    p('主动公开', '<w:pStyle w:val="Sub"/>'),
    p('二、主动公开政府信息情况', '<w:pStyle w:val="1"/>'),
    p('正文', '<w:outlineLvl w:val="9"/>'),
  ].join('');
  assert.equal(read(body, { styles }).text, '# 总体情况\n## 主动公开\n二、主动公开政府信息情况\n正文');
});

test('number formats: chineseCounting, chineseCountingThousand, ideographTraditional, legal, full width, circled', () => {
  assert.deepEqual(
    [1, 2, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1010].map((n) => formatNumber(n, 'chineseCounting')),
    ['一', '二', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一千零一十'],
  );
  assert.equal(formatNumber(12, 'chineseCountingThousand'), '十二');
  assert.equal(formatNumber(3, 'japaneseCounting'), '三');
  assert.deepEqual(
    [1, 3, 10, 11].map((n) => formatNumber(n, 'ideographTraditional')),
    ['甲', '丙', '癸', '甲'],
  );
  assert.equal(formatNumber(23, 'chineseLegalSimplified'), '贰拾叁');
  assert.equal(formatNumber(2024, 'ideographDigital'), '二〇二四');
  assert.equal(formatNumber(12, 'decimalFullWidth'), '１２');
  assert.equal(formatNumber(3, 'decimalEnclosedCircle'), '③');
  assert.equal(formatNumber(4, 'lowerRoman'), 'iv');
  assert.equal(formatNumber(28, 'upperLetter'), 'BB');
  assert.equal(formatNumber(7, 'decimalZero'), '07');
  // Word's tab after a number is a gap; in text it is a space, so that the line is no tab-separated row
  const numbering =
    `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>` +
    `<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1.%2"/><w:isLgl/><w:suff w:val="space"/></w:lvl>` +
    `<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  assert.equal(read(li(1, 0, '甲') + li(1, 1, '乙') + li(1, 2, '圆点'), { numbering }).text, '丙. 甲\n3.1 乙\n圆点');
});

const tc = (text: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
const restart = '<w:vMerge w:val="restart"/>';
const cont = '<w:vMerge/>';

test('table 三 with merged header and label cells: labels joined, merged cells written once, figures in their columns', () => {
  const body =
    p('三、收到和处理政府信息公开申请情况') +
    '<w:tbl><w:tblGrid>' +
    '<w:gridCol/>'.repeat(10) +
    '</w:tblGrid>' +
    tr(tc('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span(3) + restart), tc('申请人情况', span(7))) +
    tr(tc('', span(3) + cont), tc('自然人', restart), tc('法人或其他组织', span(5)), tc('总计', restart)) +
    tr(
      tc('', span(3) + cont),
      tc('', cont),
      tc('商业企业'),
      tc('科研机构'),
      tc('社会公益组织'),
      tc('法律服务机构'),
      tc('其他'),
      tc('', cont),
    ) +
    tr(tc('一、本年新收政府信息公开申请数量', span(3)), ...[5, 1, 0, 0, 0, 0, 6].map((n) => tc(String(n)))) +
    tr(tc('三、本年度办理结果', restart), tc('（一）予以公开', span(2)), ...[3, 1, 0, 0, 0, 0, 4].map((n) => tc(String(n)))) +
    tr(tc('', cont), tc('（三）不予公开', restart), tc('1.属于国家秘密'), ...[0, 0, 0, 0, 0, 0, 0].map((n) => tc(String(n)))) +
    tr(tc('', cont), tc('', cont), tc('2.其他法律行政法规禁止公开'), ...['0', '', '0', '0', '0', '0', '0'].map((n) => tc(n))) +
    '</w:tbl>';
  const doc = read(body);
  const lines = doc.text.split('\n');
  assert.deepEqual(lines.slice(1), [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  | ',
    ' | 自然人 | 法人或其他组织 |  |  |  |  | 总计',
    ' |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ',
    '一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6',
    '三、本年度办理结果 （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4',
    '（三）不予公开 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
    '2.其他法律行政法规禁止公开 | 0 |  | 0 | 0 | 0 | 0 | 0',
  ]);
  // a figure's cell, counted as a person counts the cells across its row
  const row7 = doc.text.indexOf('2.其他法律');
  assert.deepEqual(doc.locate(row7), { kind: 'docx', table: 1, row: 7, column: 3 });
  assert.deepEqual(doc.locate(doc.text.indexOf(' | 0 |  |', row7) + 3), { kind: 'docx', table: 1, row: 7, column: 4 });
  // the blank cell is found too
  assert.deepEqual(doc.locate(doc.text.indexOf('|  |', row7) + 2), { kind: 'docx', table: 1, row: 7, column: 5 });
  assert.deepEqual(doc.locate(doc.text.indexOf('（三）不予公开')), { kind: 'docx', table: 1, row: 6, column: 2 });
  assert.deepEqual(describeSource(doc.locate(doc.text.indexOf('（三）不予公开'))!), {
    zh: '第 1 个表格第 6 行第 2 列',
    en: 'table 1 of the file, row 6, column 2',
  });
});

test('a figure in a cell merged over several columns is one figure (表二 blocks of two columns in a table of four)', () => {
  const body =
    '<w:tbl>' +
    tr(tc('信息内容'), tc('本年制发件数'), tc('本年废止件数'), tc('现行有效件数')) +
    tr(tc('规章'), tc('0'), tc('1'), tc('3')) +
    tr(tc('第二十条第（五）项', span(4))) +
    tr(tc('信息内容'), tc('本年处理决定数量', span(3))) +
    tr(tc('行政许可'), tc('2293', span(3))) +
    '</w:tbl>';
  assert.deepEqual(read(body).text.split('\n'), [
    '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数',
    '规章 | 0 | 1 | 3',
    '第二十条第（五）项',
    '信息内容 | 本年处理决定数量 |  | ',
    '行政许可 | 2293',
  ]);
});

test('as a Markdown draft: paragraphs apart, tables as GFM pipe tables as wide as their widest row', () => {
  const body =
    p('二、主动公开政府信息情况') +
    '<w:tbl>' +
    tr(tc('第二十条第（一）项', span(4))) +
    tr(tc('信息内容'), tc('本年制发件数'), tc('本年废止件数'), tc('现行有效件数')) +
    tr(tc('规章'), tc('0'), tc('1'), tc('3')) +
    '</w:tbl>' +
    p('三、收到和处理政府信息公开申请情况');
  const doc = readDocxSync(rawDocx({ body }), { layout: 'markdown' });
  assert.equal(
    doc.text,
    [
      '二、主动公开政府信息情况',
      '',
      '| 第二十条第（一）项 |  |  |  |',
      '| --- | --- | --- | --- |',
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '| 规章 | 0 | 1 | 3 |',
      '',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n'),
  );
  assert.deepEqual(doc.locate(doc.text.indexOf('| 1 |') + 2), { kind: 'docx', table: 1, row: 3, column: 3 });
  assert.deepEqual(doc.locate(doc.text.indexOf('三、收到')), { kind: 'docx', paragraph: 2 });
});

test('table 四 header merged over three rows, the figures row unlabelled; a caption row across the table stands alone', () => {
  const blocks = ['行政复议', '行政诉讼'];
  const body =
    '<w:tbl>' +
    tr(tc('第二十条第（一）项', span(4))) +
    tr(tc('信息内容'), tc('本年制发件数'), tc('本年废止件数'), tc('现行有效件数')) +
    tr(tc('规章'), tc('0'), tc('0'), tc('3')) +
    '</w:tbl>' +
    '<w:tbl>' +
    tr(tc(blocks[0], span(5) + restart), tc(blocks[1], span(10))) +
    tr(tc('', span(5) + cont), tc('未经复议直接起诉', span(5)), tc('复议后起诉', span(5))) +
    tr(...Array.from({ length: 3 }, () => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => tc(t))).flat()) +
    tr(...'1 0 0 0 1 0 0 0 0 0 0 0 0 0 0'.split(' ').map((t) => tc(t))) +
    '</w:tbl>';
  const doc = read(body);
  const lines = doc.text.split('\n');
  assert.equal(lines[0], '第二十条第（一）项');
  assert.equal(lines[1], '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数');
  assert.equal(lines[3], '行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  | ');
  assert.equal(lines[6], '1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0');
  assert.deepEqual(doc.locate(doc.text.indexOf('信息内容')), { kind: 'docx', table: 1, row: 2, column: 1 });
  assert.deepEqual(doc.locate(doc.text.indexOf('行政复议')), { kind: 'docx', table: 2, row: 1, column: 1 });
});

test('namespaces by their URI, whatever the prefix: a default namespace, another prefix, ISO strict', () => {
  const strict = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
  const documents = [
    `<document xmlns="${W}"><body><p><r><t>默认</t></r></p></body></document>`,
    `<x:document xmlns:x="${W}"><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p><v:p xmlns:v="urn:other"><v:t>别的</v:t></v:p></x:body></x:document>`,
    `<w:document xmlns:w="${strict}"><w:body><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:body></w:document>`,
  ];
  assert.deepEqual(
    documents.map((xml) => readDocxSync(rawDocx({ body: '', extra: { 'word/document.xml': xml } })).text),
    ['默认', '前缀', '严格'],
  );
});

test('the reader is a DocumentReader for .docx', async () => {
  assert.deepEqual(docxReader.extensions, ['.docx']);
  const doc = await docxReader.read(rawDocx({ body: p('一段') }));
  assert.equal(doc.text, '一段');
});
