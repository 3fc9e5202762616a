import { SaxesParser } from 'saxes';
import { DocumentProblem } from './types';

// The XML of a Word part as a small tree of the elements that carry text and structure. Names are the
// local names of WordprocessingML (transitional or strict); elements of other vocabularies (drawings,
// math, Office extensions) are left out with all they hold, except the plain Fallback of mc:AlternateContent.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the characters of a text element (w:t) */
  text?: string;
}

const WORDPROCESSING = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** parts whose elements have no namespace: relationships and content types use their own */
const PACKAGE = new Set([
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types',
]);

/** Words' elements whose content is never shown as body text: skipped with everything inside. */
const HIDDEN = new Set(['drawing', 'pict', 'object', 'sectPr', 'instrText', 'delInstrText', 'delText', 'rPrChange', 'pPrChange']);

/**
 * Of the property elements, only the children the reading needs are kept: a Word file spends most of its
 * XML on fonts, sizes and spacing, and building nodes for them would double the time to read it.
 */
const KEPT_PROPERTIES: Record<string, Set<string>> = {
  rPr: new Set(['vanish', 'specVanish', 'del', 'moveFrom']),
  pPr: new Set(['pStyle', 'numPr', 'rPr', 'outlineLvl']),
  tcPr: new Set(['gridSpan', 'vMerge', 'hMerge']),
  trPr: new Set(['del', 'gridBefore']),
  tblPr: new Set(),
};

function nameOf(uri: string, local: string): string | undefined {
  if (WORDPROCESSING.has(uri) || PACKAGE.has(uri)) return HIDDEN.has(local) ? undefined : local;
  if (uri === MARKUP_COMPATIBILITY) return local === 'AlternateContent' || local === 'Fallback' ? `mc:${local}` : undefined;
  return undefined;
}

const MAX_DEPTH = 200;

/** the namespaces in scope at an element, updated where an element declares its own (Word declares them on the root) */
function scopeOf(attributes: Record<string, string>, outer: Map<string, string>): Map<string, string> {
  let scope = outer;
  for (const key in attributes) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (scope === outer) scope = new Map(outer);
    scope.set(key === 'xmlns' ? '' : key.slice(6), attributes[key]);
  }
  return scope;
}

/** Parses a part into the tree; a part that is no well-formed XML is a damaged file. */
export function parseXml(xml: string, part: string): XmlElement {
  // Namespaces are resolved here rather than by the parser: its own resolution doubles the time to read.
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const scopes: Map<string, string>[] = [new Map()];
  let skipping = 0;
  parser.on('opentag', (tag) => {
    const scope = scopeOf(tag.attributes, scopes[scopes.length - 1]);
    scopes.push(scope);
    if (skipping) return void skipping++;
    const colon = tag.name.indexOf(':');
    const name = nameOf(scope.get(colon < 0 ? '' : tag.name.slice(0, colon)) ?? '', tag.name.slice(colon + 1));
    // Word nests a few levels (a table in a cell in a table); thousands are a hostile file, whose depth
    // would overflow the stack of the walks over the tree
    const kept = KEPT_PROPERTIES[stack[stack.length - 1].name];
    if (!name || stack.length > MAX_DEPTH || (kept && !kept.has(name))) return void skipping++;
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) attrs[key.slice(key.indexOf(':') + 1)] = tag.attributes[key];
    const el: XmlElement = { name, attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    scopes.pop();
    if (skipping) return void skipping--;
    stack.pop();
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (!skipping && (top.name === 't' || top.name === 'instrText')) top.text = (top.text ?? '') + text;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DocumentProblem({
      zh: `Word 文件中的 ${part} 已损坏（${(e as Error).message}）。请在 Word 或 WPS 中打开（它们会尝试修复），另存为 .docx 再检查。`,
      en: `${part} in the Word file is damaged (${(e as Error).message}). Open it in Word or WPS (they try to repair it), save it as .docx, then check it again.`,
    });
  }
  return root;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** w:val of a child element: <w:numId w:val="3"/> */
export function valueOf(el: XmlElement | undefined, name: string): string | undefined {
  return child(el, name)?.attrs.val;
}

/** an on/off property: present and not val="0"/"false"/"off" */
export function isOn(el: XmlElement | undefined, name: string): boolean {
  const c = child(el, name);
  return !!c && !['0', 'false', 'off'].includes(c.attrs.val ?? 'true');
}

export function intOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}
