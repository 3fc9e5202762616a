import {
  DocumentDiagnosticReportKind,
  type DiagnosticServerCancellationData,
  LSPErrorCodes,
  NotificationType,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinSchemas } from '../engine';
import { pick } from '../engine/editor';
import { StatusNotificationMethod, type StatusParams } from '../protocol';
import type { Feature, ServerContext } from './context';
import type { ReportSummary } from './diagnosed';
import { SOURCE_SCHEME, sourcePlace } from './documents';
import type { Lang } from '../config';
import { isConfigFile } from './configFiles';
import { MAX_CHECKED_LENGTH } from './reportFiles';
import { garbledReport } from './encoding';

// Pull diagnostics, and the status the client shows beside them.

/** a report checked faster than this is checked at every keystroke: waiting would only delay the underline */
const FAST_CHECK_MS = 20;
const StatusNotification = new NotificationType<StatusParams>(StatusNotificationMethod);

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

export const diagnostics: Feature = (context) => {
  const { connection, documents, reports, checker } = context;
  const lastChange = new Map<string, number>();
  const sentStatus = new Map<string, string>();
  const toldTooLarge = new Set<string>();

  documents.onDidChangeContent((e) => lastChange.set(e.document.uri, Date.now()));
  documents.onDidClose((e) => {
    lastChange.delete(e.document.uri);
    sentStatus.delete(e.document.uri);
    toldTooLarge.delete(e.document.uri);
  });

  const sendStatus = (doc: TextDocument, summary: ReportSummary | undefined) => {
    const params = statusParams(context, doc, summary);
    const json = JSON.stringify(params);
    if (sentStatus.get(doc.uri) === json) return;
    sentStatus.set(doc.uri, json);
    connection.sendNotification(StatusNotification, params).catch((e) => context.log(`status not sent: ${e}`));
  };

  const tellTooLarge = (doc: TextDocument) => {
    if (toldTooLarge.has(doc.uri)) return;
    toldTooLarge.add(doc.uri);
    const name = decodeURIComponent(doc.uri.split('/').pop() ?? doc.uri);
    const chars = `${(doc.getText().length / 1e6).toFixed(1)}`;
    const max = MAX_CHECKED_LENGTH / 1e6;
    const message = pick(
      context.lang(),
      `「${name}」太长（${chars} 百万字符），nianbao 不检查超过 ${max} 百万字符的文件`,
      `“${name}” is too long (${chars} million characters): nianbao does not check files over ${max} million characters`,
    );
    // a notification (MessageType.Warning = 2): nothing waits for the user to close it
    connection.sendNotification('window/showMessage', { type: 2, message }).catch((e) => context.log(`message not shown: ${e}`));
  };

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    // While the user types, wait until the typing pauses, but only where a check is slow and would hold
    // up the main loop: a request still waiting is cancelled by the next keystroke, so a report checked
    // in a few ms is answered at once. A large report is checked in the background, newest text first,
    // and is not waited for: its check holds nothing up, and waiting would only delay the underline.
    const open = documents.get(uri);
    const slow = !(open && checker.inBackground(open)) && checker.lastCheckMs(uri) >= FAST_CHECK_MS;
    const wait = slow ? (lastChange.get(uri) ?? 0) + context.config().debounceMs - Date.now() : 0;
    if (wait > 0 && !token.isCancellationRequested) await pause(wait, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled: the document changed');
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (isConfigFile(uri)) return context.configFileDiagnostics(doc);
    if (context.schemaFiles.isSchemaFile(uri)) return context.schemaFiles.diagnostics(doc, context.lang());
    if (!reports.isReport(doc) || context.configOf(doc).ignored) {
      if (reports.tooLarge(doc) && reports.isReportKind(doc)) tellTooLarge(doc);
      if (sentStatus.has(uri)) sendStatus(doc, undefined);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
    const garbled = garbledReport(doc, context.lang());
    if (garbled) return garbled;
    const lang = context.lang();
    const found = await checker.diagnose(doc, lang, token);
    if (!found) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled: the document changed');
      // closed (and maybe opened again) while it was checked: the client asks again for what is open now
      throw new ResponseError<DiagnosticServerCancellationData>(LSPErrorCodes.ServerCancelled, 'the document was closed', {
        retriggerRequest: true,
      });
    }
    sendStatus(doc, found.summary);
    const items = found.items.map((d, i) => withSourcePlace(d, uri, found.offsets[i], lang));
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
};

/** A finding in a Word file's, a PDF's or a web page's checked text also says where it is in the file. */
function withSourcePlace(d: Diagnostic, uri: string, offset: number, lang: Lang): Diagnostic {
  const place = uri.startsWith(SOURCE_SCHEME + ':') ? sourcePlace(uri, offset, lang) : undefined;
  return place ? { ...d, message: lang === 'zh' ? `${d.message}（${place}）` : `${d.message} (${place})` } : d;
}

/** What the status item shows: the schema in use, how it was chosen, the findings counted (like eslint/status). */
function statusParams(context: ServerContext, doc: TextDocument, summary: ReportSummary | undefined): StatusParams {
  const lang = context.lang();
  const available = builtinSchemas().map((s) => ({ id: s.id, name: s.name[lang] }));
  const none = { error: 0, warning: 0, information: 0, hint: 0 };
  if (!summary) return { uri: doc.uri, report: false, schema: null, reason: 'none', counts: none, available };
  return { uri: doc.uri, report: true, ...summary, available };
}
