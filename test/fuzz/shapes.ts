// Texts of a given size made of one shape repeated: where a careless loop turns quadratic. Each
// is checked at growing sizes; the time must grow about as the text does.

export interface Shape {
  name: string;
  make(size: number): string;
}

const fill = (unit: (i: number) => string, size: number) => {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return parts.join('');
};

const HEAD = '某某区人民政府2024年政府信息公开工作年度报告\n\n';

export const shapes: Shape[] = [
  // one paragraph of PDF text broken into short lines, figures everywhere, no full stop
  {
    name: 'paragraph-no-stop',
    make: (n) => HEAD + fill((i) => `主动公开政府信息${i % 1000}条，其中自然人${i % 7}件、企业${i % 5}件\n`, n),
  },
  // runs of "X件，占Y%" in one paragraph: shares looked up against every earlier figure
  { name: 'shares', make: (n) => HEAD + '共收到申请1000件，' + fill((i) => `其中第${i}类${i % 9}件，占${(i % 9) / 10}%；`, n) + '。\n' },
  // headings 一、（一）… one after another
  {
    name: 'headings',
    make: (n) =>
      HEAD +
      fill((i) => (i % 3 ? `（${'一二三四五六七八九十'[i % 10]}）小标题${i}\n` : `${'一二三四五六七八九十'[i % 10]}、大标题${i}\n`), n),
  },
  // a statistics table repeated: rows aligned to the schema
  {
    name: 'table-rows',
    make: (n) =>
      HEAD +
      '三、收到和处理政府信息公开申请情况\n' +
      fill((i) => `（${'一二三四五六'[i % 6]}）予以公开 | ${i % 9} | 0 | 1 | 0 | 0 | 0 | ${(i % 9) + 1}\n`, n),
  },
  // dates and 截至 beside cited documents: spans looked up for each date
  {
    name: 'dates-and-citations',
    make: (n) => HEAD + fill((i) => `截至${1 + (i % 12)}月${1 + (i % 28)}日，依据《某某办法〔2019〕${i}号》\n`, n),
  },
  // 一是…二是… lists and numbered lines with no heading between them
  { name: 'list-markers', make: (n) => HEAD + fill((i) => `${'一二三四五六七八九'[i % 9]}是加强工作${i}；`, n) + '\n' },
  // directives in a Markdown report
  {
    name: 'directives',
    make: (n) =>
      HEAD + fill((i) => `<!-- nianbao-disable-next-line table-sum -->\n| 行政许可 | ${i} |\n<!-- nianbao-disable prose-sum -->\n`, n),
  },
  // the parentheses of a paren list opened and never closed
  { name: 'open-parentheses', make: (n) => HEAD + '收到申请12件' + fill((i) => `（其中${i % 10}件`, n) + '\n' },
  // one line, no breaks at all
  { name: 'one-line', make: (n) => HEAD + fill((i) => `一、总体情况 收到申请${i}件 占${i % 100}% | ${i} | `, n) },
  // shares with no stated total in many paragraphs: each looks for its whole among the figures before it
  { name: 'loose-shares', make: (n) => HEAD + fill((i) => `全年办理${100 + (i % 7)}件。自然人${i % 50}件，占${i % 30}%。\n\n`, n) },
  // many short blank-separated paragraphs with breakdowns
  {
    name: 'breakdowns',
    make: (n) => HEAD + fill((i) => `共${(i % 50) + 10}件，分别为：甲${i % 5}件、乙${i % 3}件、其他${i % 2}件。\n\n`, n),
  },
];
