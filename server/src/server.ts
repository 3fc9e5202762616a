import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinSchema, checkReport, lineStarts, rangeOf, type CheckResult, type Finding, type Severity } from './engine';

// LSP wiring only: which documents are reports, when to check them, how findings become diagnostics.

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings { schema: string; debounceMs: number }
let settings: Settings = { schema: 'auto', debounceMs: 150 };
let lang: 'zh' | 'en' = 'zh';
const lastChange = new Map<string, number>();
const cache = new Map<string, { version: number; key: string; result: CheckResult; starts: number[] }>();

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule pages ship inside the extension, so links work offline. */
const docsDir = path.join(__dirname, '..', 'docs', 'rules');
const ruleHref = (rule: string) => pathToFileURL(path.join(docsDir, `${rule}.md`)).toString();

connection.onInitialize((params) => {
  lang = /^zh/i.test(params.locale ?? '') || !params.locale ? 'zh' : 'en';
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
  };
});

connection.onInitialized(async () => {
  await loadSettings();
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  cache.clear();
  connection.languages.diagnostics.refresh();
});

async function loadSettings(): Promise<void> {
  try {
    const s = await connection.workspace.getConfiguration('nianbao');
    settings = {
      schema: typeof s?.schema === 'string' ? s.schema : 'auto',
      debounceMs: Number.isFinite(s?.debounceMs) ? Math.max(0, Math.min(5000, s.debounceMs)) : 150,
    };
  } catch {
    // a client without workspace/configuration keeps the defaults
  }
}

/** Report files: the nianbao language, or Markdown/text named like a report or naming a schema. */
function isReport(doc: TextDocument): boolean {
  if (doc.languageId === 'nianbao') return true;
  if (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return false;
  const name = decodeURIComponent(doc.uri.split('/').pop() ?? '');
  if (/年度报告|年报/.test(name)) return true;
  return /^(---|\+\+\+)\s*\r?\n[\s\S]{0,4000}?^schema\s*[:=]/m.test(doc.getText({ start: { line: 0, character: 0 }, end: { line: 60, character: 0 } }));
}

function check(doc: TextDocument): { result: CheckResult; starts: number[] } {
  const key = settings.schema;
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version && hit.key === key) return hit;
  const text = doc.getText();
  const result = checkReport(text, { schema: key === 'auto' ? undefined : builtinSchema(key) });
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  // While the user types, wait until the typing pauses; an older request is cancelled by the client.
  const wait = (lastChange.get(uri) ?? 0) + settings.debounceMs - Date.now();
  if (wait > 0) await sleep(wait);
  const doc = documents.get(uri);
  if (!doc || token.isCancellationRequested || !isReport(doc)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const { result, starts } = check(doc);
  return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.map((f) => toDiagnostic(f, uri, starts)) };
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !isReport(doc)) return [];
  const { result, starts } = check(doc);
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const f of result.findings) {
    if (!f.fix || f.end < from || f.start > to) continue;
    actions.push({
      title: f.fix.title[lang],
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(f, doc.uri, starts)],
      isPreferred: true,
      edit: { changes: { [doc.uri]: f.fix.edits.map((e) => ({ range: rangeOf(starts, e.start, e.end), newText: e.newText })) } },
    });
  }
  return actions;
});

documents.onDidChangeContent((e) => lastChange.set(e.document.uri, Date.now()));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  lastChange.delete(e.document.uri);
});

documents.listen(connection);
connection.listen();
