import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import { restartPolicy } from './restartPolicy';

/** The language client's error handler: restart after a crash and say so once (see restartPolicy.ts). */
export function crashHandler(): ErrorHandler {
  const closed = restartPolicy();
  return {
    // a few unreadable messages are survived; more mean the connection is broken (the default too)
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const d = closed();
      // the client shows this message itself, once, as an error
      if (!d.restart)
        return {
          action: CloseAction.DoNotRestart,
          message: vscode.l10n.t(
            'The nianbao checker stopped unexpectedly 5 times within 3 minutes and will not be started again. Reload the window to start it.',
          ),
        };
      if (d.tell) void vscode.window.showWarningMessage(vscode.l10n.t('The nianbao checker stopped unexpectedly and was started again.'));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
