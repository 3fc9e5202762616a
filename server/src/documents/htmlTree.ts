import { Parser } from 'htmlparser2';

// A light tree of the page, built from htmlparser2's events (it closes <p>, <td>, <tr> and <li> the
// way browsers do). Every walk over it is iterative: a page of 100,000 nested <div>s must not
// overflow the stack.

export interface HtmlText {
  kind: 'text';
  text: string;
  /** offset of the text in the decoded page source */
  start: number;
}

export interface HtmlElement {
  kind: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent?: HtmlElement;
  /** offset of the start tag in the decoded page source */
  start: number;
}

export type HtmlNode = HtmlText | HtmlElement;

/** elements whose content is never text of the page */
const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'xmp', 'plaintext']);

export function parseHtml(source: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', tag: '#root', attrs: {}, children: [], start: 0 };
  let current = root;
  let opaque = 0;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        const element: HtmlElement = { kind: 'element', tag, attrs, children: [], parent: current, start: parser.startIndex };
        current.children.push(element);
        current = element;
        if (OPAQUE.has(tag)) opaque++;
      },
      onclosetag(tag) {
        if (OPAQUE.has(tag)) opaque--;
        current = current.parent ?? root;
      },
      ontext(text) {
        if (!opaque) current.children.push({ kind: 'text', text, start: parser.startIndex });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.end(source);
  return root;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * How deep start tags nest, counted roughly (every start tag of a non-void element opens one level,
 * every end tag closes one), stopping once past `limit`. The parser's cost grows with the square of
 * the depth, so a page nested absurdly deep is refused before it is parsed.
 */
export function nestsDeeperThan(source: string, limit: number): boolean {
  let depth = 0;
  for (let i = source.indexOf('<'); i !== -1; i = source.indexOf('<', i + 1)) {
    const next = source.charCodeAt(i + 1);
    if (next === 47 /* / */) depth = Math.max(0, depth - 1);
    else if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) {
      const name = /^[A-Za-z][A-Za-z0-9]*/.exec(source.slice(i + 1, i + 12))![0].toLowerCase();
      const end = source.indexOf('>', i);
      if (!VOID.has(name) && source[end - 1] !== '/' && ++depth > limit) return true;
    }
  }
  return false;
}

/** the elements under (and including) `top`, parents before children, in document order */
export function* elementsOf(top: HtmlElement): Generator<HtmlElement> {
  const stack: HtmlElement[] = [top];
  while (stack.length) {
    const element = stack.pop()!;
    yield element;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (child.kind === 'element') stack.push(child);
    }
  }
}
