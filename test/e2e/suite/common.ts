// Shared by the e2e suites: waiting for the language server, reading nianbao's diagnostics.
import * as vscode from 'vscode';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves with fn()'s first value that is not undefined, checked on every diagnostics change and every 250 ms. */
export function waitFor<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20000,
  describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let busy = false;
    const check = async () => {
      if (settled || busy) return;
      busy = true;
      try {
        const v = await fn();
        if (v !== undefined && !settled) {
          finish();
          resolve(v);
        }
      } catch (e) {
        finish();
        reject(e);
      } finally {
        busy = false;
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => void check());
    const poll = setInterval(() => void check(), 250);
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `\n${describe()}` : ''}`));
    }, timeoutMs);
    function finish() {
      settled = true;
      sub.dispose();
      clearInterval(poll);
      clearTimeout(timer);
    }
    void check();
  });
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function diagsOf(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao' && (!rule || ruleOf(d) === rule));
}

const SEV = ['Error', 'Warning', 'Information', 'Hint'];
export function show(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '  (no nianbao diagnostics)';
  return (
    ds
      .slice(0, 40)
      .map(
        (d) =>
          `  ${SEV[d.severity]} ${ruleOf(d)} ` +
          `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`,
      )
      .join('\n') + (ds.length > 40 ? `\n  ... and ${ds.length - 40} more` : '')
  );
}
