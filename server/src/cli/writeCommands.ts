import { promises as fs } from 'fs';
import * as path from 'path';
import type { Lang } from '../config';
import { readerFor } from '../documents';
import { nextYearDraft } from '../engine/nextYear';
import type { ConvertArgs, NewArgs } from './args';
import { readStartingText, type Problem } from './files';

// nianbao convert and nianbao new: the commands that write files. A file that is there already is
// not overwritten without --force; each input is told done or failed, and the others go on.

type Out = (s: string) => void;

const say = (lang: Lang, p: Problem) => p[lang];

async function write(file: string, data: string | Uint8Array, force: boolean): Promise<Problem | undefined> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data, { flag: force ? 'w' : 'wx' });
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      return { zh: '文件已存在，未覆盖（用 --force 覆盖）', en: 'the file exists and was not overwritten (--force overwrites it)' };
    return { zh: `无法写入（${code ?? (e as Error).message}）`, en: `cannot be written (${code ?? (e as Error).message})` };
  }
}

/** .docx, .pdf, .html → .md; .md, .txt → .docx in the official layout. */
export async function convert(args: ConvertArgs, out: Out, err: Out): Promise<number> {
  let failed = false;
  for (const input of args.inputs) {
    const toWord = /\.(md|markdown|txt)$/i.test(input);
    if (!toWord && !readerFor(input)) {
      err(
        `nianbao: ${input}${args.lang === 'zh' ? '：' : ': '}${say(args.lang, { zh: '只能转换 .docx、.pdf、.html、.htm、.md、.txt 文件', en: 'only .docx, .pdf, .html, .htm, .md and .txt files are converted' })}`,
      );
      failed = true;
      continue;
    }
    const ext = toWord ? '.docx' : '.md';
    const target = args.out ?? path.join(args.outDir ?? path.dirname(input), path.basename(input).replace(/\.[^.]+$/, '') + ext);
    const source = await readStartingText(input);
    const problem =
      'problem' in source
        ? source.problem
        : await write(target, toWord ? await (await import('../documents/docxWriter')).reportToDocx(source.text) : source.text, args.force);
    if (problem) {
      err(`nianbao: ${'problem' in source ? input : target}${args.lang === 'zh' ? '：' : ': '}${say(args.lang, problem)}`);
      failed = true;
    } else out(args.lang === 'zh' ? `${input} → ${target}` : `${input} → ${target}`);
  }
  return failed ? 2 : 0;
}

/** This year's draft from last year's report, beside it unless -o says where. */
export async function newFromLastYear(args: NewArgs, out: Out, err: Out): Promise<number> {
  const colon = args.lang === 'zh' ? '：' : ': ';
  const source = await readStartingText(args.from);
  if ('problem' in source) {
    err(`nianbao: ${args.from}${colon}${say(args.lang, source.problem)}`);
    return 2;
  }
  const draft = nextYearDraft(source.text);
  if ('problem' in draft) {
    err(`nianbao: ${args.from}${colon}${say(args.lang, draft.problem)}`);
    return 2;
  }
  const name = path.basename(args.from).replace(/\.[^.]+$/, '');
  const renamed = name.includes(String(draft.year - 1))
    ? name.replaceAll(String(draft.year - 1), String(draft.year))
    : `${name}-${draft.year}`;
  const target = args.out ?? path.join(path.dirname(args.from), `${renamed}.md`);
  const problem = await write(target, draft.text, args.force);
  if (problem) {
    err(`nianbao: ${target}${colon}${say(args.lang, problem)}`);
    return 2;
  }
  out(
    args.lang === 'zh'
      ? `${args.from} → ${target}（${draft.year} 年度草稿，${draft.schema.id}）：统计表中的 XX 待填写；用 nianbao check 检查时会逐段指出仍与上年相同的内容`
      : `${args.from} → ${target} (draft for ${draft.year}, ${draft.schema.id}): fill in the XX of the tables; nianbao check points at every paragraph still last year's`,
  );
  return 0;
}
