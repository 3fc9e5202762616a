import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readReport } from '../cli/files';
import { CheckFileRequestMethod, type CheckFileParams, type CheckFileResult } from '../protocol';
import type { Feature } from './context';
import { toDiagnostic } from './convert';

// 检查工作区全部年报: a report that is not open, read from the disk as the command line reads it
// (any encoding), checked with its configuration and last year's report, as an open one would be.

export const checkFile: Feature = (context) => {
  context.connection.onRequest(CheckFileRequestMethod, async (params: CheckFileParams, token): Promise<CheckFileResult> => {
    const none = { report: false, diagnostics: [] };
    if (!params.uri.startsWith('file:') || token.isCancellationRequested) return none;
    const read = await readReport(fileURLToPath(params.uri));
    if ('problem' in read) return { ...none, problem: read.problem[context.lang()] };
    const doc = TextDocument.create(params.uri, /\.txt$/i.test(params.uri) ? 'plaintext' : 'markdown', 0, read.text);
    if (!context.reports.isReport(doc) || context.configOf(doc).ignored) return none;
    const checked = context.checker.check(doc);
    // not kept: the file is not open, and opening it checks it afresh
    context.checker.forget(params.uri);
    const lang = context.lang();
    return { report: true, diagnostics: checked.result.findings.map((f) => toDiagnostic(f, params.uri, checked.starts, lang)) };
  });
};
