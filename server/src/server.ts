import * as path from 'path';
import * as fs from 'fs';
import { fileURLToPath, pathToFileURL } from 'url';
import { lastYearsReport, type Named } from './previous';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  NotificationType,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InlayHint,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ruleDocsPath,
  builtinSchema,
  builtinSchemas,
  checkReport,
  lineStarts,
  offsetAt,
  rangeOf,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Severity,
} from './engine';
import {
  completionsAt,
  definitionTargets,
  disableActions,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hoverAt,
  pick,
  reportStatus,
  totalHints,
  type Completion,
  type OutlineSymbol,
} from './engine/editor';
import { StatusNotificationMethod, type StatusParams } from './protocol';

// LSP wiring only: which documents are reports, when to check them, how findings become diagnostics.

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

type Level = Severity | 'off';
type Deadline = 'auto' | 'department' | 'government';
interface Settings {
  schema: string;
  debounceMs: number;
  rules: Record<string, Level>;
  deadline: Deadline;
  inlayTotals: boolean;
}
const DEFAULTS: Settings = { schema: 'auto', debounceMs: 150, rules: {}, deadline: 'auto', inlayTotals: false };
let settings: Settings = DEFAULTS;
let lang: 'zh' | 'en' = 'zh';
let snippets = false;
let inlayRefresh = false;
const FIX_ALL = `${CodeActionKind.SourceFixAll}.nianbao`;
const StatusNotification = new NotificationType<StatusParams>(StatusNotificationMethod);
const sentStatus = new Map<string, string>();
const lastChange = new Map<string, number>();
const cache = new Map<string, { version: number; key: string; result: CheckResult; starts: number[] }>();
/** the CPU time the last check of each document took, in ms: whether waiting for a pause in typing is worth it */
const checkMs = new Map<string, number>();
/** a report checked faster than this is checked at every keystroke: waiting would only delay the underline */
const FAST_CHECK_MS = 20;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule pages ship inside the extension, so links work offline. */
const ruleHref = (rule: string) => pathToFileURL(path.join(__dirname, '..', ruleDocsPath(rule))).toString();

connection.onInitialize((params) => {
  lang = /^zh/i.test(params.locale ?? '') || !params.locale ? 'zh' : 'en';
  snippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
  inlayRefresh = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      completionProvider: { triggerCharacters: ['#', '|', ':'] },
      hoverProvider: true,
      definitionProvider: true,
      documentSymbolProvider: { label: 'nianbao' },
      foldingRangeProvider: true,
      inlayHintProvider: true,
    },
  };
});

connection.onInitialized(async () => {
  await loadSettings();
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  cache.clear();
  // a client that cannot refresh answers with an error, which is no reason to stop (the typing says void, it is a promise)
  Promise.resolve(connection.languages.diagnostics.refresh()).catch(() => undefined);
  if (inlayRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
});

async function loadSettings(): Promise<void> {
  try {
    const s = await connection.workspace.getConfiguration('nianbao');
    settings = {
      schema: typeof s?.schema === 'string' ? s.schema : 'auto',
      debounceMs: Number.isFinite(s?.debounceMs) ? Math.max(0, Math.min(5000, s.debounceMs)) : 150,
      rules: ruleLevels(s?.rules),
      deadline: s?.deadline === 'department' || s?.deadline === 'government' ? s.deadline : 'auto',
      inlayTotals: s?.inlayHints?.totals === true,
    };
  } catch {
    // a client without workspace/configuration keeps the defaults
  }
}

const LEVELS = new Set<string>(['off', 'error', 'warning', 'information', 'hint']);

/** `nianbao.rules`: rule id → off | error | warning | information | hint; anything else is ignored. */
function ruleLevels(v: unknown): Record<string, Level> {
  const out: Record<string, Level> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string' && LEVELS.has(x)) out[k] = x as Level;
  return out;
}

/** A Markdown report, where headings take # and HTML comments are hidden; a .txt report in the nianbao language is plain text. */
function isMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || (doc.languageId === 'nianbao' && !/\.txt$/i.test(doc.uri));
}

/** Report files: the nianbao language, or Markdown/text named like a report or naming a schema; not too long to check. */
function isReport(doc: TextDocument): boolean {
  return !tooLarge(doc) && reportKind(doc);
}

// Longer texts are not checked: no report comes near, and checking one at every pause in typing would
// hold the server up for seconds and take a gigabyte. The user is told once per document.
const MAX_CHECKED_LENGTH = 5_000_000;
const toldTooLarge = new Set<string>();
const tooLarge = (doc: TextDocument) => doc.getText().length > MAX_CHECKED_LENGTH;

function tellTooLarge(doc: TextDocument): void {
  if (toldTooLarge.has(doc.uri)) return;
  toldTooLarge.add(doc.uri);
  const name = decodeURIComponent(doc.uri.split('/').pop() ?? doc.uri);
  const chars = `${(doc.getText().length / 1e6).toFixed(1)}`;
  const message = pick(
    lang,
    `「${name}」太长（${chars} 百万字符），nianbao 不检查超过 ${MAX_CHECKED_LENGTH / 1e6} 百万字符的文件`,
    `“${name}” is too long (${chars} million characters): nianbao does not check files over ${MAX_CHECKED_LENGTH / 1e6} million characters`,
  );
  // a notification (MessageType.Warning = 2): nothing waits for the user to close it
  Promise.resolve(connection.sendNotification('window/showMessage', { type: 2, message })).catch(() => undefined);
}

function reportKind(doc: TextDocument): boolean {
  if (doc.languageId === 'nianbao') return true;
  if (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return false;
  const name = decodeURIComponent(doc.uri.split('/').pop() ?? '');
  if (/年度报告|年报/.test(name)) return true;
  return /^(---|\+\+\+)\s*\r?\n[\s\S]{0,4000}?^schema\s*[:=]/m.test(
    doc.getText({ start: { line: 0, character: 0 }, end: { line: 60, character: 0 } }),
  );
}

/** Last year's report of the same office, open in the editor or in the same folder, for the checks across years. */
function previousReport(doc: TextDocument): Named | undefined {
  if (!doc.uri.startsWith('file:')) return undefined;
  const me = { path: fileURLToPath(doc.uri), text: doc.getText() };
  const open = documents
    .all()
    .filter((d) => d.uri.startsWith('file:') && d.uri !== doc.uri && isReport(d))
    .map((d) => ({ path: fileURLToPath(d.uri), text: d.getText() }));
  return lastYearsReport(me, open, readDirQuietly, readReportQuietly);
}

// The folder is looked at again at most every few seconds, not on every keystroke.
const DISK_TTL_MS = 3000;
const dirCache = new Map<string, { at: number; names: string[] }>();
const fileCache = new Map<string, { at: number; text: string | undefined }>();

function readDirQuietly(dir: string): string[] {
  const hit = dirCache.get(dir);
  if (hit && Date.now() - hit.at < DISK_TTL_MS) return hit.names;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // an unreadable folder: no last year's report
  }
  dirCache.set(dir, { at: Date.now(), names });
  return names;
}

function readReportQuietly(file: string): string | undefined {
  const hit = fileCache.get(file);
  if (hit && Date.now() - hit.at < DISK_TTL_MS) return hit.text;
  let text: string | undefined;
  try {
    if (fs.statSync(file).size <= 5_000_000) text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    // unreadable or not UTF-8: the checks across years are skipped
  }
  fileCache.set(file, { at: Date.now(), text });
  return text;
}

function checkOptions(previous: Named | undefined): CheckOptions {
  return {
    previous: previous?.text,
    schema: settings.schema === 'auto' ? undefined : builtinSchema(settings.schema),
    severities: settings.rules,
    // whose report it is sets its legal deadline; 'auto': read from the report
    deadline: settings.deadline === 'auto' ? undefined : settings.deadline,
  };
}

function check(doc: TextDocument): { result: CheckResult; starts: number[] } {
  const previous = previousReport(doc);
  const key = JSON.stringify([settings.schema, settings.rules, settings.deadline, previous?.path, previous?.text.length]);
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version && hit.key === key) return hit;
  const text = doc.getText();
  // CPU time, not the clock: other work on the machine does not make a small report look slow
  const cpu = process.cpuUsage();
  const result = checkReport(text, checkOptions(previous));
  const used = process.cpuUsage(cpu);
  checkMs.set(doc.uri, (used.user + used.system) / 1000);
  const entry = { version: doc.version, key, result, starts: lineStarts(text) };
  cache.set(doc.uri, entry);
  return entry;
}

function toDiagnostic(f: Finding, uri: string, starts: number[]): Diagnostic {
  return {
    source: 'nianbao',
    code: f.rule,
    codeDescription: { href: ruleHref(f.rule) },
    severity: SEVERITY[f.severity],
    message: f.message[lang],
    range: rangeOf(starts, f.start, f.end),
    relatedInformation: f.related.map((r) => ({ location: { uri, range: rangeOf(starts, r.start, r.end) }, message: r.message[lang] })),
  };
}

/** Waits ms, but ends as soon as the request is cancelled (the client cancels it at the next keystroke). */
const pause = (ms: number, token: CancellationToken) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const sub = token.onCancellationRequested(done);
  });

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  // While the user types, wait until the typing pauses, but only where a check is slow (a large
  // report): a request still waiting is cancelled by the next keystroke, and VS Code's client then
  // shows no diagnostics until the next answer, so a report checked in a few ms is answered at once.
  const slow = (checkMs.get(uri) ?? 0) >= FAST_CHECK_MS;
  const wait = slow ? (lastChange.get(uri) ?? 0) + settings.debounceMs - Date.now() : 0;
  if (wait > 0 && !token.isCancellationRequested) await pause(wait, token);
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled: the document changed');
  const doc = documents.get(uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  if (!isReport(doc)) {
    if (tooLarge(doc) && reportKind(doc)) tellTooLarge(doc);
    if (sentStatus.has(uri)) sendStatus(doc, undefined, []);
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
  const { result, starts } = check(doc);
  sendStatus(doc, result, starts);
  return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.map((f) => toDiagnostic(f, uri, starts)) };
});

/** Tells the client the schema in use and the findings counted, when they changed (like eslint/status). */
function sendStatus(doc: TextDocument, result: CheckResult | undefined, starts: number[]): void {
  const available = builtinSchemas().map((s) => ({ id: s.id, name: s.name[lang] }));
  let params: StatusParams;
  if (!result)
    params = {
      uri: doc.uri,
      report: false,
      schema: null,
      reason: 'none',
      counts: { error: 0, warning: 0, information: 0, hint: 0 },
      available,
    };
  else {
    const s = reportStatus(result);
    const fm = s.frontMatterSchema;
    params = {
      uri: doc.uri,
      report: true,
      schema: s.schema && { id: s.schema.id, name: s.schema.name[lang] },
      reason: s.reason,
      counts: s.counts,
      ...(fm ? { frontMatterSchema: { line: fm.line, ...rangeOf(starts, fm.start, fm.end) } } : {}),
      available,
    };
  }
  const json = JSON.stringify(params);
  if (sentStatus.get(doc.uri) === json) return;
  sentStatus.set(doc.uri, json);
  void connection.sendNotification(StatusNotification, params);
}

/** Whether a code action request asks for actions of this kind (`only` lists kinds or their parents). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

const edits = (edits: readonly { start: number; end: number; newText: string }[], starts: number[]) =>
  edits.map((e) => ({ range: rangeOf(starts, e.start, e.end), newText: e.newText }));

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !isReport(doc)) return [];
  const { result, starts } = check(doc);
  const actions: CodeAction[] = [];
  const fixable = result.findings.filter((f) => f.fix).length;
  if (wants(params, FIX_ALL) && fixable) actions.push(fixAllAction(doc, result, starts, FIX_ALL));
  if (!wants(params, CodeActionKind.QuickFix)) return actions;
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  const here = result.findings.filter((f) => f.end >= from && f.start <= to);
  for (const f of here) {
    if (!f.fix) continue;
    actions.push({
      title: f.fix.title[lang],
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(f, doc.uri, starts)],
      isPreferred: true,
      edit: { changes: { [doc.uri]: edits(f.fix.edits, starts) } },
    });
  }
  // 修复全部 in the light bulb too, when there is more than the fix at hand
  if (here.some((f) => f.fix) && fixable > 1) actions.push(fixAllAction(doc, result, starts, CodeActionKind.QuickFix));
  // the comments that silence a finding are Markdown: offered in Markdown reports only, not in .txt ones
  if (isMarkdown(doc))
    for (const f of here)
      for (const a of disableActions(result.model, f, lang)) {
        // two findings of one rule on a line: one comment silences both
        if (actions.some((x) => x.title === a.title)) continue;
        actions.push({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(f, doc.uri, starts)],
          edit: { changes: { [doc.uri]: edits(a.edits, starts) } },
        });
      }
  return actions;
});

/**
 * 修复全部: every fix at once, but for those that clash with another (see fixAllEdits); what is left
 * shows as diagnostics still, and 修复全部 may be run again. One round only: a guess such as
 * "a blank cell is 0" is never carried on into a total the author wrote.
 */
function fixAllAction(doc: TextDocument, result: CheckResult, starts: number[], kind: string): CodeAction {
  const { edits: all, fixed } = fixAllEdits(result.findings);
  return {
    title: pick(lang, `修复全部可自动修复的问题（${fixed.length} 处）`, `Fix all auto-fixable problems (${fixed.length})`),
    kind,
    edit: { changes: { [doc.uri]: edits(all, starts) } },
  };
}

// ---------- completion, hover, navigation, outline ----------

function reportAt(uri: string): { doc: TextDocument; result: CheckResult; starts: number[] } | undefined {
  const doc = documents.get(uri);
  if (!doc || !isReport(doc)) return undefined;
  return { doc, ...check(doc) };
}

const COMPLETION_KIND: Record<Completion['kind'], CompletionItemKind> = {
  section: CompletionItemKind.Module,
  row: CompletionItemKind.Field,
  schema: CompletionItemKind.EnumMember,
};

connection.onCompletion((params): CompletionItem[] => {
  const r = reportAt(params.textDocument.uri);
  if (!r) return [];
  const offset = offsetAt(r.starts, params.position, r.doc.getText().length);
  const markdown = isMarkdown(r.doc);
  return completionsAt(r.result, offset, { lang, markdown, schemas: builtinSchemas() }).map((c) => {
    const snippet = snippets && c.snippet !== undefined;
    return {
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation,
      filterText: c.filterText,
      sortText: c.sortText,
      preselect: c.preselect,
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: rangeOf(r.starts, c.start, c.end), newText: snippet ? c.snippet! : c.insertText },
    };
  });
});

connection.onHover((params) => {
  const r = reportAt(params.textDocument.uri);
  if (!r) return null;
  const h = hoverAt(r.result, offsetAt(r.starts, params.position, r.doc.getText().length), { lang, uri: r.doc.uri });
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(r.starts, h.start, h.end) } : null;
});

connection.onDefinition((params) => {
  const r = reportAt(params.textDocument.uri);
  if (!r) return null;
  const targets = definitionTargets(r.result, offsetAt(r.starts, params.position, r.doc.getText().length));
  return targets.map((t) => ({ uri: r.doc.uri, range: rangeOf(r.starts, t.start, t.end) }));
});

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  heading: SymbolKind.String,
  table: SymbolKind.Struct,
};

connection.onDocumentSymbol((params) => {
  const r = reportAt(params.textDocument.uri);
  if (!r) return [];
  const convert = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: rangeOf(r.starts, s.start, s.end),
    selectionRange: rangeOf(r.starts, s.selectionStart, s.selectionEnd),
    children: s.children.map(convert),
  });
  return documentSymbols(r.result, lang).map(convert);
});

connection.onFoldingRanges((params) => {
  const r = reportAt(params.textDocument.uri);
  return r ? foldingRanges(r.result) : [];
});

connection.languages.inlayHint.on((params): InlayHint[] => {
  if (!settings.inlayTotals) return [];
  const r = reportAt(params.textDocument.uri);
  if (!r) return [];
  const from = offsetAt(r.starts, params.range.start, r.doc.getText().length);
  const to = offsetAt(r.starts, params.range.end, r.doc.getText().length);
  return totalHints(r.result)
    .filter((h) => h.offset >= from && h.offset <= to)
    .map((h) => ({ position: rangeOf(r.starts, h.offset, h.offset).start, label: h.label, paddingLeft: true, tooltip: h.tooltip[lang] }));
});

documents.onDidChangeContent((e) => lastChange.set(e.document.uri, Date.now()));
documents.onDidClose((e) => {
  toldTooLarge.delete(e.document.uri);
  cache.delete(e.document.uri);
  checkMs.delete(e.document.uri);
  lastChange.delete(e.document.uri);
  sentStatus.delete(e.document.uri);
});

documents.listen(connection);
connection.listen();
