import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  builtinSchemas,
  checkReport,
  lineStarts,
  offsetAt,
  rangeOf,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type TextEdit,
} from '../../server/src/engine';
import {
  applyEdits,
  completionsAt,
  definitionTargets,
  disableActions,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hoverAt,
  reportStatus,
  totalHints,
} from '../../server/src/engine/editor';

// The properties every document must have, whatever it holds.
//
//  never-throws         checkReport does not throw, with the schema detected, forced (each built-in) and with a "last year" report
//  editor-never-throws  hover, completion, definition, outline, folding, inlay hints and status do not throw, anywhere
//  editor-ranges-valid  what they return is what VS Code accepts: ranges inside the text, on character boundaries; an
//                       outline symbol's selection inside its range (else VS Code drops the whole outline); a completion's
//                       range on the line of the cursor and around it (else VS Code drops the item); folds start ≤ end
//  ranges-inside        every offset (findings, related, operands, fix edits) is a whole number within the text, start ≤ end
//  ranges-on-boundaries no offset splits a UTF-16 surrogate pair or a CRLF, and offset → LSP position → offset gives it back
//  deterministic        the same text gives the same findings, also after other texts were checked in between (caches)
//  messages-sane        no message, fix title or fix text says undefined, NaN, Infinity, null, [object …] or 1e+23
//                       (unless the report itself says it, in a quotation)
//  fix-well-formed      a fix has edits that do not overlap and write no broken surrogate pair
//  fix-lsp-same         a fix applied through LSP ranges (as the editor does) gives exactly the text its offsets give:
//                       it changes nothing outside its ranges
//  fix-removes-finding  checked again, the fixed text no longer has the finding: no finding of the same rule at the
//                       same place (its range carried through the edits) computed from the same cells or figures (its
//                       related ranges and operands, carried too; its message when it has none). Findings elsewhere may
//                       legitimately appear, and even at the same place from other operands: a table-sum fix that sets
//                       （七）总计 × 总计 for its row can make its column fail, or the balance in another cell (the fix is
//                       the user's choice between two numbers that disagree); a heading inserted for a missing section can
//                       move where a table is looked for. Those are not defects: they are counted (a new error after a
//                       fix, by rule), not asserted against. Fixes that write into a code fence or comment left open
//                       (nothing there is read) are counted apart, not asserted.
//  fix-all-safe         修复全部 (fixAllEdits) gives sorted, non-overlapping edits, the same through LSP ranges, and the
//                       fixed text checks without throwing
//  disable-silences     the nianbao-disable comment offered for a finding, once inserted, silences that finding
//  bounded-time         one check takes at most `slowMs`, or 20 ms per thousand UTF-16 units for longer texts (no hang,
//                       no blow-up; a slow machine is not what it looks for)

export const PROPERTIES = [
  'never-throws',
  'editor-never-throws',
  'editor-ranges-valid',
  'ranges-inside',
  'ranges-on-boundaries',
  'deterministic',
  'messages-sane',
  'fix-well-formed',
  'fix-lsp-same',
  'fix-removes-finding',
  'fix-all-safe',
  'disable-silences',
  'bounded-time',
] as const;
export type Property = (typeof PROPERTIES)[number];

export class Violation extends Error {
  constructor(
    readonly property: Property,
    detail: string,
  ) {
    super(`${property}: ${detail}`);
  }
}

/** How many times each property was checked (one document checks most of them many times). */
export class Tally {
  readonly checks = new Map<Property, number>(PROPERTIES.map((p) => [p, 0]));
  documents = 0;
  checkRuns = 0;
  fixesApplied = 0;
  /** fixes that write into an unclosed code fence or comment, where nothing is read (see insideOpenBlock) */
  exempt = 0;
  /** per rule: findings seen in the documents, and their fixes applied one by one */
  readonly rules = new Map<string, { findings: number; fixes: number }>();
  rule(id: string): { findings: number; fixes: number } {
    let r = this.rules.get(id);
    if (!r) this.rules.set(id, (r = { findings: 0, fixes: 0 }));
    return r;
  }
  /** per rule: fixes after which an error appeared that was not there before (a legitimate trade-off, counted) */
  readonly fixSideEffects = new Map<string, number>();
  /** the slowest check for its length (texts of 10 000 units or more) */
  slowest = { perUnit: 0, ms: 0, length: 0 };
  findings = 0;
  bytes = 0;
  held(p: Property, n = 1): void {
    this.checks.set(p, this.checks.get(p)! + n);
  }
}

export interface Options {
  /** how many single fixes to apply per document (evenly spread over those offered) */
  fixesPerDoc: number;
  /** how many offsets to try the editor features at */
  editorProbes: number;
  slowMs: number;
}

export const DEFAULT_OPTIONS: Options = { fixesPerDoc: 6, editorProbes: 4, slowMs: 4000 };

type Span = { start: number; end: number };

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Is there a character boundary at this offset: not inside a surrogate pair, not between CR and LF? */
function onBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const a = text.charCodeAt(at - 1);
  const b = text.charCodeAt(at);
  if (isHigh(a) && isLow(b)) return false;
  if (a === 13 && b === 10) return false;
  return true;
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (!isLow(s.charCodeAt(i + 1))) return true;
      i++;
    } else if (isLow(c)) return true;
  }
  return false;
}

function spansOf(f: Finding): { what: string; span: Span }[] {
  return [
    { what: 'finding', span: f },
    // a place in last year's report has its offsets in that text, not in this one
    ...f.related.filter((r) => !r.inPrevious).map((r) => ({ what: 'related', span: r })),
    ...(f.arithmetic?.operands ?? []).map((o) => ({ what: 'operand', span: o })),
    ...(f.fix?.edits ?? []).map((e) => ({ what: 'fix edit', span: e })),
  ];
}

/**
 * What makes a finding the same finding after an edit: its rule, its range and the cells or figures it
 * was computed from (carried through the edit), or its message when it has none. A cell can be the total
 * of two identities (（七）总计 × 总计: its row and its column): fixing it for the row may break the
 * column, a new finding at the same place but from other operands; that is the user's choice between two
 * numbers that disagree, not a failed fix.
 */
function identity(f: Finding, carry: (at: number, side: 'start' | 'end') => number = (at) => at): string {
  const here = [...f.related.filter((r) => !r.inPrevious), ...(f.arithmetic?.operands ?? [])];
  // places in last year's report are not moved by an edit of this one
  const spans = [
    ...here.map((s) => `${carry(s.start, 'start')}-${carry(s.end, 'end')}`),
    ...f.related.filter((r) => r.inPrevious).map((s) => `last year ${s.start}-${s.end}`),
  ].sort();
  return JSON.stringify([f.rule, carry(f.start, 'start'), carry(f.end, 'end'), spans.length ? spans : f.message.zh]);
}

/**
 * Does this offset stand inside a code fence or an HTML comment that is still open there? The model
 * reads nothing inside them, so a heading inserted there (a missing section written at the end of a
 * report whose last ``` was never closed) cannot take effect. Such fixes are counted, not failed.
 */
export function insideOpenBlock(text: string, at: number): boolean {
  let fence: string | undefined;
  let comment = false;
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < at && m[0].length) {
    const t = m[0].replace(/[\r\n]+$/, '');
    if (fence) {
      if (t.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(t);
    if (f) fence = f[1];
    else if (comment || /^\s*<!--/.test(t)) comment = !t.includes('-->');
  }
  return !!fence || comment;
}

// what a bug in string building writes: a missing value, a broken number, an object
const GARBAGE = /undefined|NaN|-?Infinity|\bnull\b|\[object \w+\]|\d(?:\.\d+)?e[+-]\d+/g;

const describe = (f: Finding) => `${f.rule} [${f.start},${f.end}) «${f.message.zh.slice(0, 80)}»`;

/** A stable picture of a result, to compare two checks of the same text. */
export function fingerprint(r: CheckResult): string {
  return JSON.stringify({ schema: r.detection.schema?.id ?? null, reason: r.detection.reason, findings: r.findings });
}

export class Checker {
  constructor(
    readonly tally = new Tally(),
    readonly options: Options = DEFAULT_OPTIONS,
  ) {}

  private run(text: string, options: CheckOptions = {}, what = 'check'): CheckResult {
    const t0 = performance.now();
    let r: CheckResult;
    try {
      r = checkReport(text, options);
    } catch (e) {
      throw new Violation('never-throws', `${what} threw ${(e as Error).stack ?? e}`);
    }
    const ms = performance.now() - t0;
    this.tally.checkRuns++;
    this.tally.held('never-throws');
    if (text.length >= 10_000 && ms / text.length > this.tally.slowest.perUnit)
      this.tally.slowest = { perUnit: ms / Math.max(1, text.length), ms, length: text.length };
    // a hang or a blow-up, not a slow machine: the limit grows with the text (20 ms per thousand units)
    if (ms > Math.max(this.options.slowMs, text.length / 50))
      throw new Violation('bounded-time', `${what} took ${ms.toFixed(0)} ms for ${text.length} UTF-16 units`);
    this.tally.held('bounded-time');
    return r;
  }

  private sane(text: string, r: CheckResult, what: string): void {
    for (const f of r.findings) {
      const said = [
        f.message.zh,
        f.message.en,
        ...f.related.flatMap((x) => [x.message.zh, x.message.en]),
        ...(f.fix ? [f.fix.title.zh, f.fix.title.en, ...f.fix.edits.map((e) => e.newText)] : []),
      ];
      for (const s of said)
        for (const m of s.matchAll(GARBAGE))
          if (!text.includes(m[0]))
            throw new Violation('messages-sane', `${what}: ${describe(f)} says «${m[0]}»: ${JSON.stringify(s.slice(0, 300))}`);
      this.tally.held('messages-sane');
    }
  }

  private ranges(text: string, r: CheckResult, what: string): void {
    this.sane(text, r, what);
    const starts = lineStarts(text);
    for (const f of r.findings)
      for (const { what: kind, span } of spansOf(f)) {
        if (
          !Number.isInteger(span.start) ||
          !Number.isInteger(span.end) ||
          span.start < 0 ||
          span.end > text.length ||
          span.start > span.end
        )
          throw new Violation(
            'ranges-inside',
            `${what}: ${kind} of ${describe(f)} is [${span.start},${span.end}) in a text of ${text.length}`,
          );
        this.tally.held('ranges-inside');
        for (const at of [span.start, span.end]) {
          if (!onBoundary(text, at))
            throw new Violation(
              'ranges-on-boundaries',
              `${what}: ${kind} of ${describe(f)} cuts a character at ${at} (${JSON.stringify(text.slice(Math.max(0, at - 2), at + 2))})`,
            );
          const back = offsetAt(starts, rangeOf(starts, at, at).start, text.length);
          if (back !== at)
            throw new Violation(
              'ranges-on-boundaries',
              `${what}: ${kind} of ${describe(f)}: offset ${at} comes back from its LSP position as ${back}`,
            );
        }
        this.tally.held('ranges-on-boundaries');
      }
  }

  private editor(text: string, r: CheckResult, probes: number): void {
    const offsets = [0, text.length, ...r.findings.slice(0, 2).map((f) => f.start)];
    for (let i = 1; i <= probes; i++) offsets.push(Math.floor((text.length * i) / (probes + 1)));
    // completion is offered at the end of what a line holds: the ends of the probed lines too
    for (const at of [...offsets]) {
      const l = r.model.lines.find((x) => x.start <= at && at <= x.end);
      if (l) offsets.push(l.end);
    }
    // only where a cursor can be: an LSP position cannot point inside a CRLF or a surrogate pair
    for (let i = 0; i < offsets.length; i++) if (!onBoundary(text, offsets[i])) offsets[i]--;
    const call = <T>(name: string, fn: () => T): T => {
      let v: T;
      try {
        v = fn();
      } catch (e) {
        throw new Violation('editor-never-throws', `${name} threw ${(e as Error).stack ?? e}`);
      }
      this.tally.held('editor-never-throws');
      return v;
    };
    const schemas = builtinSchemas();
    const starts = lineStarts(text);
    const line = (at: number) => rangeOf(starts, at, at).start.line;
    const valid = (what: string, start: number, end: number) => {
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        end > text.length ||
        start > end ||
        !onBoundary(text, start) ||
        !onBoundary(text, end)
      )
        throw new Violation('editor-ranges-valid', `${what}: [${start},${end}) in a text of ${text.length}`);
      this.tally.held('editor-ranges-valid');
    };
    const symbols = call('documentSymbols', () => documentSymbols(r, 'zh'));
    const walk = (list: typeof symbols) => {
      for (const sym of list) {
        valid(`outline symbol «${sym.name}»`, sym.start, sym.end);
        valid(`outline symbol «${sym.name}» selection`, sym.selectionStart, sym.selectionEnd);
        if (sym.selectionStart < sym.start || sym.selectionEnd > sym.end)
          throw new Violation(
            'editor-ranges-valid',
            `outline symbol «${sym.name}»: selection [${sym.selectionStart},${sym.selectionEnd}) outside its range [${sym.start},${sym.end})`,
          );
        walk(sym.children);
      }
    };
    walk(symbols);
    const lines = starts.length;
    for (const f of call('foldingRanges', () => foldingRanges(r)))
      if (!(Number.isInteger(f.startLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines))
        throw new Violation('editor-ranges-valid', `fold ${f.startLine}–${f.endLine} of ${lines} lines`);
    for (const h of call('totalHints', () => totalHints(r))) valid(`inlay hint «${h.label}»`, h.offset, h.offset);
    call('reportStatus', () => reportStatus(r));
    for (const at of offsets) {
      const hover = call(`hoverAt(${at})`, () => hoverAt(r, at, { lang: 'zh', uri: 'file:///fuzz.md' }));
      if (hover) valid(`hover at ${at}`, hover.start, hover.end);
      for (const c of call(`completionsAt(${at})`, () => completionsAt(r, at, { lang: 'en', markdown: true, schemas }))) {
        valid(`completion «${c.label}» at ${at}`, c.start, c.end);
        if (line(c.start) !== line(at) || line(c.end) !== line(at) || c.start > at || c.end < at)
          throw new Violation(
            'editor-ranges-valid',
            `completion «${c.label}» at ${at} (line ${line(at)}) replaces [${c.start},${c.end}): not around the cursor on its line`,
          );
        if (hasLoneSurrogate(c.insertText) || (c.snippet !== undefined && hasLoneSurrogate(c.snippet)))
          throw new Violation('editor-ranges-valid', `completion «${c.label}» inserts a broken surrogate pair`);
      }
      for (const d of call(`definitionTargets(${at})`, () => definitionTargets(r, at))) valid(`definition from ${at}`, d.start, d.end);
    }
  }

  /** Where an offset of the old text lands in the new one, the edits applied. */
  static carry(edits: readonly TextEdit[], at: number, side: 'start' | 'end'): number {
    let delta = 0;
    for (const e of edits) {
      const d = e.newText.length - (e.end - e.start);
      if (at < e.start || (at === e.start && side === 'end' && e.start < e.end)) break; // before it (edits are sorted)
      if (at >= e.end) {
        delta += d; // after it; text inserted at the point goes before what stands there
        continue;
      }
      // inside what the edit replaces: the range now covers the new text
      return e.start + delta + (side === 'end' ? e.newText.length : 0);
    }
    return at + delta;
  }

  private applyBoth(text: string, edits: TextEdit[], what: string, property: Property): string {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const byOffsets = applyEdits(text, sorted);
    const doc = TextDocument.create('file:///fuzz.md', 'markdown', 1, text);
    const starts = lineStarts(text);
    const byLsp = TextDocument.applyEdits(
      doc,
      sorted.map((e) => ({ range: rangeOf(starts, e.start, e.end), newText: e.newText })),
    );
    if (byLsp !== byOffsets) {
      let i = 0;
      while (i < byLsp.length && byLsp[i] === byOffsets[i]) i++;
      throw new Violation(
        property,
        `${what}: through LSP ranges the text differs from offset ${i}: ${JSON.stringify(byLsp.slice(i, i + 30))} vs ${JSON.stringify(byOffsets.slice(i, i + 30))}`,
      );
    }
    this.tally.held(property);
    return byOffsets;
  }

  private fixes(text: string, r: CheckResult, count: number): void {
    const fixable = r.findings.filter((f) => f.fix);
    const picked = new Set<Finding>();
    for (let i = 0; i < Math.min(count, fixable.length); i++)
      picked.add(fixable[Math.floor((i * fixable.length) / Math.min(count, fixable.length))]);
    for (const f of picked) {
      const edits = f.fix!.edits;
      const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
      for (let i = 1; i < sorted.length; i++)
        if (sorted[i].start < sorted[i - 1].end) throw new Violation('fix-well-formed', `${describe(f)}: its edits overlap`);
      for (const e of edits)
        if (hasLoneSurrogate(e.newText)) throw new Violation('fix-well-formed', `${describe(f)}: it writes a broken surrogate pair`);
      if (!edits.length) throw new Violation('fix-well-formed', `${describe(f)}: a fix without edits`);
      this.tally.held('fix-well-formed');
      const fixed = this.applyBoth(text, edits, `fix of ${describe(f)}`, 'fix-lsp-same');
      this.tally.fixesApplied++;
      this.tally.rule(f.rule).fixes++;
      const again = this.run(fixed, {}, `check after the fix of ${describe(f)}`);
      this.ranges(fixed, again, `after the fix of ${describe(f)}`);
      if (edits.some((e) => insideOpenBlock(text, e.start))) {
        this.tally.exempt++;
        continue;
      }
      const key = identity(f, (at, side) => Checker.carry(sorted, at, side));
      const left = again.findings.filter((g) => identity(g) === key);
      if (left.length)
        throw new Violation(
          'fix-removes-finding',
          `${describe(f)}: after its fix «${f.fix!.title.zh}» (${JSON.stringify(edits)}) it is still there: ${left.map(describe).join('; ')}`,
        );
      this.tally.held('fix-removes-finding');
      // not asserted (see the top of this file), only counted: errors the fix brings up elsewhere
      const carried = new Set(r.findings.map((g) => identity(g, (at, side) => Checker.carry(sorted, at, side))));
      const fresh = again.findings.filter((g) => g.severity === 'error' && !carried.has(identity(g)));
      if (fresh.length) this.tally.fixSideEffects.set(f.rule, (this.tally.fixSideEffects.get(f.rule) ?? 0) + 1);
    }
  }

  private fixAll(text: string, r: CheckResult): void {
    const { edits } = fixAllEdits(r.findings);
    if (!edits.length) return;
    for (let i = 1; i < edits.length; i++)
      if (edits[i].start < edits[i - 1].end || edits[i].start < edits[i - 1].start)
        throw new Violation('fix-all-safe', `fixAllEdits: edits ${i - 1} and ${i} overlap or are out of order`);
    const fixed = this.applyBoth(text, edits, 'fix all', 'fix-all-safe');
    const again = this.run(fixed, {}, 'check after fix all');
    this.ranges(fixed, again, 'after fix all');
  }

  private disable(text: string, r: CheckResult): void {
    const f = r.findings[Math.floor(r.findings.length / 2)];
    if (!f) return;
    let actions;
    try {
      actions = disableActions(r.model, f, 'zh');
    } catch (e) {
      throw new Violation('editor-never-throws', `disableActions threw ${(e as Error).stack ?? e}`);
    }
    for (const a of actions) {
      const silenced = this.applyBoth(text, a.edits, `disable action ${a.scope} for ${describe(f)}`, 'disable-silences');
      const again = this.run(silenced, {}, `check after disabling ${f.rule}`);
      const sorted = [...a.edits].sort((x, y) => x.start - y.start);
      const start = Checker.carry(sorted, f.start, 'start');
      const end = Checker.carry(sorted, f.end, 'end');
      const left = again.findings.filter((g) => g.rule === f.rule && g.start === start && g.end === end && g.message.zh === f.message.zh);
      if (left.length)
        throw new Violation(
          'disable-silences',
          `the ${a.scope} comment for ${describe(f)} (${JSON.stringify(a.edits)}) does not silence it`,
        );
      this.tally.held('disable-silences');
    }
  }

  /** A large text: checked once, its ranges checked; returns the time the check took (ms). */
  checkLarge(text: string): number {
    const t0 = performance.now();
    const r = this.run(text, {}, 'check of a large text');
    const ms = performance.now() - t0;
    this.ranges(text, r, 'check of a large text');
    return ms;
  }

  /** Checks every property on one text; throws a Violation at the first that fails. */
  checkDocument(text: string, previous?: string): void {
    this.tally.documents++;
    this.tally.bytes += text.length;
    const r = this.run(text, {}, 'check');
    this.tally.findings += r.findings.length;
    for (const f of r.findings) this.tally.rule(f.rule).findings++;
    this.ranges(text, r, 'check');
    for (const schema of builtinSchemas()) this.ranges(text, this.run(text, { schema }, `check as ${schema.id}`), `check as ${schema.id}`);
    if (previous !== undefined) {
      const withLast = this.run(text, { previous, deadline: 'department' }, 'check with last year');
      this.ranges(text, withLast, 'check with last year');
      for (const f of withLast.findings)
        for (const r of f.related.filter((x) => x.inPrevious))
          if (!(Number.isInteger(r.start) && r.start >= 0 && r.start <= r.end && r.end <= previous.length))
            throw new Violation(
              'ranges-inside',
              `check with last year: a place in last year's report of ${describe(f)} is [${r.start},${r.end}) in a text of ${previous.length}`,
            );
    }
    this.editor(text, r, this.options.editorProbes);
    this.fixes(text, r, this.options.fixesPerDoc);
    this.fixAll(text, r);
    this.disable(text, r);
    // other texts were checked since: caches must not have changed the answer
    const again = this.run(text, {}, 'second check');
    if (fingerprint(again) !== fingerprint(r)) throw new Violation('deterministic', 'a second check of the same text gives other findings');
    this.tally.held('deterministic');
  }
}
