// Run by run.sh in a pass of its own, with Workspace Trust on and the folder not trusted (restricted mode):
// nianbao declares limited support, so it runs, and a report shows its diagnostics as in a trusted folder.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagsOf, show, waitFor } from './common';

const REPORT_2020 = 'pingtan-zhqsyq-2020-年度报告.txt';

suite('Workspace Trust: a folder that is not trusted', () => {
  test('restricted mode: nianbao is enabled and a report shows its diagnostics (table-sum on table 三)', async function () {
    this.timeout(120000);
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this pass runs in a folder that is not trusted');
    const ext = vscode.extensions.getExtension('nianbao.nianbao');
    assert.ok(ext, 'nianbao is installed');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, REPORT_2020));
    await vscode.window.showTextDocument(doc, { preview: false });
    const sums = await waitFor(
      'the diagnostics of the report in restricted mode',
      () => {
        const ds = diagsOf(doc.uri, 'table-sum');
        return ds.length >= 2 ? ds : undefined;
      },
      90000,
      () => show(diagsOf(doc.uri)),
    );
    assert.ok(ext.isActive, 'nianbao is active');
    // the two wrong totals of row （七）总计 (21 for 27, 20 for 26), as in a trusted folder
    assert.ok(
      sums.some((d) => /27/.test(d.message) && /21/.test(d.message)),
      show(sums),
    );
    console.log('[screenshot] restricted-mode');
  });
});
