import * as vscode from 'vscode';

// The command-line checker as a VS Code task: `nianbao check --format compact` over the workspace,
// its output read by the problem matcher $nianbao into the Problems panel. It runs the project's own
// nianbao (npx --no-install), as a reviewer's repository would have it.

export const TASK_TYPE = 'nianbao';

interface NianbaoTaskDefinition extends vscode.TaskDefinition {
  /** files, folders or globs; the workspace folder when none */
  paths?: string[];
  /** more options for `nianbao check`, such as --previous */
  args?: string[];
}

function task(definition: NianbaoTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope.Workspace): vscode.Task {
  const args = [
    '--no-install',
    'nianbao',
    'check',
    '--format',
    'compact',
    '--quiet',
    ...(definition.args ?? []),
    ...(definition.paths?.length ? definition.paths : ['.']),
  ];
  const t = new vscode.Task(
    definition,
    scope,
    vscode.l10n.t('Check the reports'),
    'nianbao',
    new vscode.ShellExecution('npx', args),
    '$nianbao',
  );
  t.group = vscode.TaskGroup.Test;
  return t;
}

export function registerTask(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => task({ type: TASK_TYPE }, folder)),
      resolveTask: (t) =>
        t.definition.type === TASK_TYPE ? task(t.definition as NianbaoTaskDefinition, t.scope as vscode.WorkspaceFolder) : undefined,
    }),
  );
}
