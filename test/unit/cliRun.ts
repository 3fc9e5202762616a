import { main } from '../../server/src/cli/main';

/** The command line run in this process from its sources: its exit code and what it wrote to each stream. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}
