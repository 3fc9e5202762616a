import * as path from 'path';
import { fileURLToPath } from 'url';
import { NotificationType, type InitializeParams } from 'vscode-languageserver';
import type { Feature } from './context';
import { TrustNotificationMethod, type InitializationOptions, type TrustParams } from './trustProtocol';

// Workspace Trust, as the client tells it: at start in the initialization options, and again when the
// user grants trust. Checking is safe in any folder (schemas and configuration are data); what is off in
// a folder not trusted is reading a schema file outside the workspace folders, which a file in the
// folder could otherwise point anywhere on the disk.

export interface WorkspaceState {
  initialize(params: InitializeParams): void;
  /** false only when the client said so: a client that says nothing is an editor without Workspace Trust */
  trusted(): boolean;
  setTrusted(trusted: boolean): void;
  /** the workspace folders on the disk, as paths */
  folders(): string[];
  /** the workspace folders on a virtual file system (a remote repository), as URIs */
  virtualFolders(): string[];
  /** whether a file lies inside one of the workspace folders */
  contains(file: string): boolean;
}

export function workspaceState(): WorkspaceState {
  let trusted = true;
  let folders: string[] = [];
  let virtualFolders: string[] = [];
  return {
    initialize(params) {
      const options = (params.initializationOptions ?? {}) as InitializationOptions;
      trusted = options.trusted !== false;
      const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
      virtualFolders = uris.filter((u) => !u.startsWith('file:')).map((u) => (u.endsWith('/') ? u : `${u}/`));
    },
    trusted: () => trusted,
    setTrusted: (value) => void (trusted = value),
    folders: () => folders,
    virtualFolders: () => virtualFolders,
    contains(file) {
      const resolved = path.resolve(file);
      return folders.some((f) => {
        const relative = path.relative(f, resolved);
        return !relative.startsWith('..') && !path.isAbsolute(relative);
      });
    },
  };
}

const TrustNotification = new NotificationType<TrustParams>(TrustNotificationMethod);

/** The user trusted the folder: schema files outside it may now be read, and every report is checked again. */
export const workspaceTrust: Feature = (context) => {
  context.connection.onNotification(TrustNotification, (params) => {
    if (context.workspace.trusted() === params.trusted) return;
    context.workspace.setTrusted(params.trusted);
    context.recheckAll();
  });
};
