import type { Connection } from 'vscode-languageserver';
import { defaults, parseConfig, type Config } from '../config';

/** The `nianbao.*` settings as the configuration module reads them; a wrong value is logged and keeps its default. */
export async function loadSettings(connection: Connection, log: (message: string) => void): Promise<Config> {
  let raw: unknown;
  try {
    raw = await connection.workspace.getConfiguration('nianbao');
  } catch (e) {
    // a client without workspace/configuration keeps the defaults
    log(`settings not available, defaults used: ${(e as Error).message}`);
    return defaults;
  }
  const { config, problems } = parseConfig(raw);
  for (const p of problems) log(`setting nianbao.${p.path.join('.')}: ${p.message.en}`);
  return config;
}
