import { elementsOf, type HtmlElement } from './htmlTree';

// Where the report is on a government site's page. The page is mostly navigation (menus, breadcrumbs,
// header, footer with 网站标识码 and ICP number) around one article. Navigation is links; the report
// is text. So the article is found by descending from <body> into the child that holds most of the
// text outside links, while one child holds most of it. The report's title is often a heading beside
// the article's body (h1.title, then div#zoom): then the article starts at the title.

/** never part of the report: controls, embedded things, the site's own furniture */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'nav',
  'map',
  'audio',
  'video',
]);

/** ids and classes of page furniture (nav, menus, breadcrumbs, share and print buttons, font size, footers) */
const FURNITURE =
  /(?:^|[-_\s])(?:nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|position|location|dqwz|share|bdshare|jiathis|print|close|fontsize|font-size|zihao|sidebar|aside|toolbar|tools|qrcode|ewm|erweima|copyright|banner|search|pagination|pager|prev|next|related|relate|xgwz|comment|login|skip|hidden)(?:$|[-_\s\d])/i;

/** the report's title: a year and 报告/年报, short */
const TITLE = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年.{0,40}?(?:报告|年报)/;

/** share of a node's text that must lie in one child to descend into it */
const DOMINANT = 0.6;
const FURNITURE_DOMINANT = 0.9;

/** what a report is made of: Chinese text and figures (a table of figures weighs as much as its prose) */
const WEIGHED = /[\u3400-\u9fff\uf900-\ufaff0-9]/g;

export interface TextWeight {
  /** Chinese characters and digits in the element's text */
  all: number;
  /** of which inside links */
  linked: number;
}

export function isHidden(element: HtmlElement): boolean {
  const style = (element.attrs.style ?? '').replace(/\s+/g, '').toLowerCase();
  return 'hidden' in element.attrs || style.includes('display:none') || style.includes('visibility:hidden');
}

export function isSkipped(element: HtmlElement): boolean {
  return SKIPPED_TAGS.has(element.tag) || isHidden(element) || (element.tag === 'a' && /^\s*javascript:/i.test(element.attrs.href ?? ''));
}

export function isFurniture(element: HtmlElement): boolean {
  if (['header', 'footer', 'aside'].includes(element.tag)) return true;
  return FURNITURE.test(element.attrs.id ?? '') || FURNITURE.test(element.attrs.class ?? '');
}

/** The Chinese text of every element, children before parents, without recursion. */
export function weigh(root: HtmlElement): Map<HtmlElement, TextWeight> {
  const order = [...elementsOf(root)];
  const weights = new Map<HtmlElement, TextWeight>();
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i];
    const weight = { all: 0, linked: 0 };
    if (!isSkipped(element))
      for (const child of element.children) {
        if (child.kind === 'text') weight.all += child.text.match(WEIGHED)?.length ?? 0;
        else {
          const w = weights.get(child)!;
          weight.all += w.all;
          weight.linked += w.linked;
        }
      }
    if (element.tag === 'a') weight.linked = weight.all;
    weights.set(element, weight);
  }
  return weights;
}

const unlinked = (w: TextWeight | undefined) => (w ? w.all - w.linked : 0);

function body(root: HtmlElement): HtmlElement {
  for (const element of elementsOf(root)) if (element.tag === 'body') return element;
  return root;
}

/** the deepest element that holds most of the page's text outside links */
function articleBody(root: HtmlElement, weights: Map<HtmlElement, TextWeight>): HtmlElement {
  let node = body(root);
  for (;;) {
    const total = unlinked(weights.get(node));
    let best: HtmlElement | undefined;
    for (const child of node.children)
      if (child.kind === 'element' && !isSkipped(child) && (!best || unlinked(weights.get(child)) > unlinked(weights.get(best))))
        best = child;
    const share = best && total ? unlinked(weights.get(best)) / total : 0;
    // an element named like furniture is followed only when it holds nearly everything: a footer
    // full of addresses and numbers is no article, a wrapper called "print-area" may be one
    if (!best || share < (isFurniture(best) ? FURNITURE_DOMINANT : DOMINANT)) return node;
    node = best;
  }
}

function ownText(element: HtmlElement): string {
  let text = '';
  for (const e of elementsOf(element)) {
    if (isSkipped(e)) continue;
    for (const child of e.children) if (child.kind === 'text') text += child.text;
    if (text.length > 200) break;
  }
  return text.replace(/\s+/g, '');
}

function ancestorsOf(element: HtmlElement): Set<HtmlElement> {
  const set = new Set<HtmlElement>();
  for (let e: HtmlElement | undefined = element; e; e = e.parent) set.add(e);
  return set;
}

/** the heading that names the report, outside the article's body and before it */
function titleBefore(root: HtmlElement, article: HtmlElement): HtmlElement | undefined {
  const around = ancestorsOf(article);
  for (const element of elementsOf(body(root))) {
    if (element === article) return undefined;
    if (around.has(element) || isSkipped(element)) continue;
    const heading = /^h[1-6]$/.test(element.tag) || /title|bt/i.test(`${element.attrs.class ?? ''} ${element.attrs.id ?? ''}`);
    const text = heading ? ownText(element) : '';
    if (text && text.length <= 80 && TITLE.test(text)) return element;
  }
  return undefined;
}

function commonAncestor(a: HtmlElement, b: HtmlElement): HtmlElement {
  const around = ancestorsOf(b);
  for (let e: HtmlElement | undefined = a; e; e = e.parent) if (around.has(e)) return e;
  return b;
}

export interface Article {
  /** the element to read */
  root: HtmlElement;
  /** read from this element on (the title), skipping what comes before it inside root */
  from?: HtmlElement;
  /** elements that must be read even if they look like furniture (they hold the title or the body) */
  kept: Set<HtmlElement>;
  weights: Map<HtmlElement, TextWeight>;
}

/** a table with figures in it: 表一 to 表四 of a report, not a layout table or a calendar of links */
function hasDataTable(element: HtmlElement): boolean {
  for (const table of elementsOf(element)) {
    if (table.tag !== 'table') continue;
    let figures = 0;
    for (const cell of elementsOf(table))
      if (
        (cell.tag === 'td' || cell.tag === 'th') &&
        cell.children.some((c) => c.kind === 'text' && /^\s*\d+(?:\.\d+)?\s*$/.test(c.text)) &&
        ++figures >= 3
      )
        return true;
  }
  return false;
}

/**
 * The descent may end in the prose and leave the tables beside it (div.text, then the tables, in
 * div#zoom): climb back to the element that holds them too.
 */
function withTables(content: HtmlElement, root: HtmlElement): HtmlElement {
  const top = body(root);
  let found = content;
  for (let e = content; e.parent && e !== top; e = e.parent) {
    const siblings = e.parent.children.filter((c): c is HtmlElement => c !== e && c.kind === 'element' && !isSkipped(c) && !isFurniture(c));
    if (siblings.some(hasDataTable)) found = e.parent;
  }
  return found;
}

/** a block of links (a menu, a list of related articles): furniture whatever its class */
export function isLinkList(element: HtmlElement, weights: Map<HtmlElement, TextWeight>): boolean {
  const w = weights.get(element);
  return !!w && w.all >= 4 && w.linked > 0.7 * w.all;
}

export function findArticle(root: HtmlElement): Article {
  const weights = weigh(root);
  const content = withTables(articleBody(root, weights), root);
  const title = titleBefore(root, content);
  const kept = new Set([...ancestorsOf(content), ...(title ? ancestorsOf(title) : [])]);
  if (!title) return { root: content, kept, weights };
  return { root: commonAncestor(title, content), from: title, kept, weights };
}
