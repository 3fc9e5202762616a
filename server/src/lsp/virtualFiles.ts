import type { Feature } from './context';
import { pick } from '../engine/editor';

// A report on a virtual file system (a remote repository, a zip) is checked from its text like any
// other. What needs the disk is left out: last year's report beside it and the configuration file.
// That is said once, as a message, rather than as a finding in every report.

export const virtualFiles: Feature = (context) => {
  let told = false;
  context.documents.onDidOpen((e) => {
    // only a report of a virtual workspace folder: a report's old version in a diff (git:) is no news
    const virtual = context.workspace.virtualFolders().some((folder) => e.document.uri.startsWith(folder));
    if (told || !virtual || !context.reports.isReport(e.document)) return;
    told = true;
    const message = pick(
      context.lang(),
      '此报告不在本机磁盘上（虚拟文件系统）：照常检查，但不查找旁边的上年报告（跨年度核对）和配置文件 .nianbao.yaml。',
      'This report is not on the local disk (a virtual file system): it is checked as usual, but last year’s report beside it (the checks across years) and the configuration file .nianbao.yaml are not looked for.',
    );
    // MessageType.Info = 3: a notification that nothing waits on
    context.connection
      .sendNotification('window/showMessage', { type: 3, message })
      .catch((err) => context.log(`message not shown: ${err}`));
  });
};
