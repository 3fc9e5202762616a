import { readDocxSync } from './docx';
import { readerFor } from './index';
import { markdownDraft } from './markdownDraft';
import { DocumentProblem } from './types';

// A report in any of the forms it travels in, as a Markdown draft to edit: a Word file in its own
// Markdown layout (paragraphs and tables as they are), a PDF or a web page rebuilt by markdownDraft.

export async function draftOf(file: string, bytes: Uint8Array): Promise<string> {
  if (/\.docx$/i.test(file)) return readDocxSync(bytes, { layout: 'markdown' }).text + '\n';
  const reader = readerFor(file);
  if (!reader) throw new DocumentProblem({ zh: '不是 Word、PDF 或网页文件', en: 'not a Word file, a PDF or a web page' });
  return markdownDraft((await reader.read(bytes)).text);
}
