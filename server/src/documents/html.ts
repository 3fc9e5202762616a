import { lastStartingAtOrBefore } from '../engine/text';
import { findArticle } from './htmlArticle';
import { decodePage } from './htmlDecode';
import { articleText, sourceLines, type HtmlLayout } from './htmlText';
import { nestsDeeperThan, parseHtml } from './htmlTree';
import { DocumentProblem, type DocumentReader, type ReadDocument, type SourceLocation } from './types';

// Reading a report saved from a government site (.html/.htm): the article without the site around
// it, tables as pipe rows, and for each piece of text the line of the page source it came from.

/** a report page is well under 1 MB; past this it is something else (an archive, a page of embedded images) */
export const MAX_HTML_BYTES = 16 * 1024 * 1024;

/** real pages nest a few dozen levels, sloppy ones with unclosed tags a few thousand */
export const MAX_HTML_DEPTH = 20_000;

/** fewer Chinese characters than this in the article: not a report */
const MIN_ARTICLE = 50;

const problems = {
  tooLarge: (bytes: number) => ({
    zh: `网页文件过大（${Math.round(bytes / 1024 / 1024)} MB，上限 ${MAX_HTML_BYTES / 1024 / 1024} MB），不像是一份年度报告：请只保存报告所在的网页，或将正文另存为文本后检查。`,
    en: `The web page is too large (${Math.round(bytes / 1024 / 1024)} MB, limit ${MAX_HTML_BYTES / 1024 / 1024} MB) to be an annual report: save only the report's page, or save its text and check that.`,
  }),
  notHtml: {
    zh: '文件不是网页（内容为二进制数据）：请确认文件类型，或将报告另存为 .html、.txt 后检查。',
    en: 'The file is not a web page (its content is binary): check the file type, or save the report as .html or .txt and check that.',
  },
  tooDeep: {
    zh: `网页结构异常：标签嵌套超过 ${MAX_HTML_DEPTH} 层，不像是一份年度报告的网页：请重新保存报告所在的网页，或将正文另存为文本后检查。`,
    en: `The web page is malformed: its tags nest more than ${MAX_HTML_DEPTH} levels deep, unlike a report's page; save the report's page again, or save its text and check that.`,
  },
  noArticle: {
    zh: '网页中没有找到报告正文（只有导航、页眉页脚或很少的文字）：请保存报告全文所在的网页；报告是网页上的附件（PDF、Word）时，请下载附件后检查。',
    en: "No report text was found in the web page (only navigation, header and footer, or very little text): save the page that holds the report's full text; if the report is attached to the page (PDF, Word), download the attachment and check that.",
  },
};

/** control characters other than white space: text never has many, binary files do */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  const controls = sample.match(/[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]/g)?.length ?? 0;
  return controls > sample.length * 0.02 || !/<[a-zA-Z!]/.test(sample);
}

function chineseCount(text: string): number {
  return text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
}

function htmlDocument(layout: HtmlLayout): ReadDocument {
  const { text, marks } = layout;
  return {
    text,
    locate(offset: number): SourceLocation | undefined {
      if (offset < 0 || offset > text.length || !marks.length) return undefined;
      return { kind: 'html', line: marks[lastStartingAtOrBefore(marks.length, (i) => marks[i].at, offset)].line };
    },
  };
}

export function readHtml(bytes: Uint8Array): ReadDocument {
  if (bytes.length > MAX_HTML_BYTES) throw new DocumentProblem(problems.tooLarge(bytes.length));
  const { text: source } = decodePage(bytes);
  if (looksBinary(source)) throw new DocumentProblem(problems.notHtml);
  if (nestsDeeperThan(source, MAX_HTML_DEPTH)) throw new DocumentProblem(problems.tooDeep);
  const article = findArticle(parseHtml(source));
  const layout = articleText(article, sourceLines(source));
  if (chineseCount(layout.text) < MIN_ARTICLE) throw new DocumentProblem(problems.noArticle);
  return htmlDocument(layout);
}

export const htmlReader: DocumentReader = {
  extensions: ['.html', '.htm'],
  read: async (bytes) => readHtml(bytes),
};
