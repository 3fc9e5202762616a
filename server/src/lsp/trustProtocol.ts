// What the client tells the server about the workspace, beyond LSP. Types and names only, so that the
// client bundle may import this file without the server's code.

/** initializationOptions of the language server */
export interface InitializationOptions {
  /** vscode.workspace.isTrusted when the server starts */
  trusted?: boolean;
}

/** Client → server: the workspace's trust changed (the user granted it). */
export const TrustNotificationMethod = 'nianbao/workspaceTrust';

export interface TrustParams {
  trusted: boolean;
}
