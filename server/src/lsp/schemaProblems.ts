import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { validateSchema, type Localized, type Schema, type SchemaProblem } from '../engine';

// A user's schema file read as the server checks reports with it, and its mistakes placed where they are
// in the file: the key that is unknown, the id that names nothing, the value of the wrong kind. YAML and
// JSON alike (YAML reads JSON), each message saying how to put it right.

export interface PlacedProblem {
  /** 0-based offsets into the file's text */
  start: number;
  end: number;
  message: Localized;
}

export interface ReadSchema {
  schema?: Schema;
  problems: PlacedProblem[];
}

/** The schema a file's text gives, or its problems at their places; never throws. */
export function readSchemaText(text: string): ReadSchema {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    return {
      problems: doc.errors.map((e) => ({
        start: e.pos[0],
        end: Math.max(e.pos[1], e.pos[0] + 1),
        message: { zh: `无法解析：${e.message}`, en: `cannot be parsed: ${e.message}` },
      })),
    };
  const { schema, problems } = validateSchema(doc.toJS());
  if (schema) return { schema, problems: [] };
  return { problems: problems.flatMap((p) => place(doc, text, p)) };
}

/** A problem at the node its path names; an unknown key at the key itself; a missing key at its object's first key. */
function place(doc: Document, text: string, p: SchemaProblem): PlacedProblem[] {
  const issue = p.issue;
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ ...(keyRange(doc, [...p.path, key], 'key') ?? { start: 0, end: 1 }), message: describe(p, key) }));
  const node = nodeAt(doc, p.path);
  if (node) return [{ ...(keyRange(doc, p.path) ?? nodeRange(node)), message: describe(p) }];
  // the path names a key that is not there: point at the object it is missing from
  let parentPath = p.path.slice(0, -1);
  while (parentPath.length && !nodeAt(doc, parentPath)) parentPath = parentPath.slice(0, -1);
  const parent = nodeAt(doc, parentPath) ?? (doc.contents as Node | null);
  const at = keyRange(doc, parentPath) ?? (parent ? firstLine(text, parent) : { start: 0, end: 1 });
  return [{ ...at, message: describe(p) }];
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  if (!path.length) return (doc.contents as Node | null) ?? undefined;
  const n = doc.getIn(path, true) as Node | undefined;
  return n && typeof n === 'object' && 'range' in n ? n : undefined;
}

/** The key of the last segment of a path, when its parent is a map: underlining a key reads better than a whole block. */
function keyRange(doc: Document, path: (string | number)[], prefer: 'value' | 'key' = 'value'): { start: number; end: number } | undefined {
  if (!path.length) return undefined;
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((i) => isScalar(i.key) && i.key.value === last);
    const value = pair?.value as Node | null | undefined;
    // a scalar value is what is wrong; a block is named by its key
    if (prefer === 'value' && value && isScalar(value) && value.range) return { start: value.range[0], end: value.range[1] };
    const key = pair?.key as Node | undefined;
    if (key?.range) return { start: key.range[0], end: key.range[1] };
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (item && isScalar(item) && item.range) return { start: item.range[0], end: item.range[1] };
  }
  return undefined;
}

function nodeRange(node: Node): { start: number; end: number } {
  const [start, end] = node.range ?? [0, 1];
  return { start, end: Math.max(end, start + 1) };
}

/** A block's first line only, so that one mistake is not a sea of underlines. */
function firstLine(text: string, node: Node): { start: number; end: number } {
  const { start, end } = nodeRange(node);
  const eol = text.indexOf('\n', start);
  return { start, end: Math.max(start + 1, Math.min(end, eol < 0 ? end : eol)) };
}

const KIND: Record<string, Localized> = {
  string: { zh: '文字', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表（- 开头的各项，或 [ ]）', en: 'a list (items starting with -, or [ ])' },
  object: { zh: '对象（键: 值）', en: 'an object (key: value)' },
};

/** The messages of the schema's own patterns, in Chinese too. */
const PATTERN: Record<string, Localized> = {
  'an id: a letter, then letters, digits, - or _': {
    zh: 'id 应以字母开头，其后为字母、数字、- 或 _（如 applications、row-1）',
    en: 'an id starts with a letter, then letters, digits, - or _ (such as applications, row-1)',
  },
  'a cell: table.row.column': {
    zh: '单元格写成 表.行.列，三段都是 id（如 applications.received.total）',
    en: 'a cell is written table.row.column, three ids (such as applications.received.total)',
  },
  'a row: table.row': { zh: '行写成 表.行（如 review.count）', en: 'a row is written table.row (such as review.count)' },
  'a cell: table.row.column (row * for every row, column * for every column)': {
    zh: '单元格写成 表.行.列，行或列可写 * 表示每一行或每一列',
    en: 'a cell is written table.row.column; * as the row or column means every one',
  },
};

function describe(p: SchemaProblem, key?: string): Localized {
  const issue = p.issue;
  const field = key ?? String(p.path[p.path.length - 1] ?? '');
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as Partial<Localized> | undefined;
      return params?.zh && params.en ? { zh: params.zh, en: params.en } : same(issue.message);
    }
    case 'unrecognized_keys':
      return {
        zh: `未知的字段「${key}」：检查拼写，或删去它（各处可用的字段见 docs/schema-language.md）`,
        en: `unknown field “${key}”: check its spelling or remove it (the fields each place takes are in docs/schema-language.md)`,
      };
    case 'invalid_type': {
      const kind = KIND[issue.expected] ?? same(issue.expected);
      if (/received undefined/.test(issue.message))
        return { zh: `缺少必填字段「${field}」（${kind.zh}）：补上它`, en: `the field “${field}” is required (${kind.en}): add it` };
      // a word in Latin letters (true 或 false) is set apart from the Chinese before it
      return { zh: `「${field}」应为${/^[a-z]/i.test(kind.zh) ? ' ' : ''}${kind.zh}`, en: `“${field}” must be ${kind.en}` };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return {
        zh: `「${field}」应为 ${values.join('、')} 之一`,
        en: `“${field}” must be one of ${values.join(', ')}`,
      };
    }
    case 'invalid_union':
      return field === 'kind' || /discriminator/i.test(issue.message)
        ? {
            zh: '等式的 kind 应为 sum（合计）、balance（平衡）或 breakdown（其中）',
            en: 'an identity’s kind must be sum, balance or breakdown',
          }
        : same(issue.message);
    case 'invalid_format':
      return PATTERN[issue.message] ?? same(issue.message);
    case 'too_small':
      return size(field, 'min', Number(issue.minimum), issue.origin);
    case 'too_big':
      return size(field, 'max', Number(issue.maximum), issue.origin);
    default:
      return same(issue.message);
  }
}

function size(field: string, bound: 'min' | 'max', n: number, origin: string): Localized {
  if (origin === 'array')
    return bound === 'min'
      ? { zh: `「${field}」至少要有 ${n} 项`, en: `“${field}” needs at least ${n} item${n === 1 ? '' : 's'}` }
      : { zh: `「${field}」最多 ${n} 项：删去多余的`, en: `“${field}” takes at most ${n} items: remove the rest` };
  if (origin === 'string')
    return bound === 'min' && n === 1
      ? { zh: `「${field}」不能为空`, en: `“${field}” cannot be empty` }
      : bound === 'min'
        ? { zh: `「${field}」至少 ${n} 个字`, en: `“${field}” needs at least ${n} characters` }
        : { zh: `「${field}」最多 ${n} 个字：改短些`, en: `“${field}” takes at most ${n} characters: shorten it` };
  return bound === 'min'
    ? { zh: `「${field}」不能小于 ${n}`, en: `“${field}” cannot be below ${n}` }
    : { zh: `「${field}」不能大于 ${n}`, en: `“${field}” cannot be above ${n}` };
}

const same = (message: string): Localized => ({ zh: message, en: message });
