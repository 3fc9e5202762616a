import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from './cliRun';
import { report2021, withCell } from './reports';

// Whatever folders reviewers have: binary files, empty files, huge files, GBK and UTF-16 files, thousands
// of files, unreadable files, pipes, symbolic link loops. Each gets a clear message naming it, the other
// files are still checked, and nothing hangs.

const root = join(__dirname, '..', '..');
const corpusFile = join(root, 'test', 'fixtures', 'corpus', 'pingtan-zhqsyq-2020.txt');
const gb18030File = join(root, 'test', 'fixtures', 'encoding', 'pingtan-zhqsyq-2020.gb18030.txt');

const run = runCli;

interface Json {
  files: { path: string; schema: string | null; diagnostics: { rule: string; range: unknown }[] }[];
}
const json = (r: { out: string }) => JSON.parse(r.out) as Json;
const findings = (f: Json['files'][number]) => f.diagnostics.map((d) => `${d.rule} ${JSON.stringify(d.range)}`);

const scratch = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
chmodSync(scratch, 0o755);
const good = join(scratch, '某某区2024年度报告.md');
writeFileSync(good, report2021({ applicationRows: withCell('（七）总计', 0, 9) })); // one table-sum error

describe('nianbao check on hostile input', () => {
  after(() => {
    for (const locked of [join(scratch, 'locked', 'closed'), join(scratch, 'locked', '丙局2024年度报告.md')])
      if (existsSync(locked)) chmodSync(locked, 0o755);
    rmSync(scratch, { recursive: true, force: true });
  });

  test('binary, PDF and undecodable files: a message naming each; the good file is still checked', async () => {
    const binary = join(scratch, 'binary.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const pdf = join(scratch, 'scan.txt');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(100, 0xff)]));
    const garbage = join(scratch, 'garbage.txt');
    writeFileSync(garbage, Buffer.from([0xff, 0x80, 0x81, 0x20, 0xfe, 0x30, 0xff, 0xff]));
    const r = await run('check', '--lang', 'en', '--format', 'json', binary, pdf, garbage, good);
    assert.equal(r.code, 2, 'unreadable input: exit 2');
    assert.match(r.err, /binary\.txt: not a text file \(it has binary content\)/);
    assert.match(r.err, /scan\.txt: it is a PDF file/);
    assert.match(r.err, /garbage\.txt: unknown encoding \(neither UTF-8, UTF-16 nor GBK\/GB18030\)/);
    const files = json(r).files;
    assert.deepEqual(
      files.map((f) => f.path),
      [good],
    );
    assert.ok(files[0].diagnostics.some((d) => d.rule === 'table-sum'));
  });

  test('an empty file is checked, and said to be of no known format', async () => {
    const empty = join(scratch, '空白的年度报告.txt');
    writeFileSync(empty, '');
    const r = await run('check', '--lang', 'en', empty);
    assert.equal(r.code, 0);
    assert.match(r.out, /the report format was not recognised/);
  });

  test('a 50 MB file is not read: a message with its size, and the other files are checked', async () => {
    const huge = join(scratch, '巨大的年度报告.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024); // sparse: no 50 MB written to disk, but that is its size
    const t0 = Date.now();
    const r = await run('check', '--lang', 'en', '--format', 'json', huge, good);
    assert.ok(Date.now() - t0 < 5000, 'not read, so quick');
    assert.equal(r.code, 2);
    assert.match(r.err, /巨大的年度报告\.txt: too large \(50\.0 MB\): files over 20\.0 MB are not checked/);
    assert.equal(json(r).files.length, 1);
  });

  test('GBK/GB18030 and UTF-16 reports are read, with the same findings at the same places as in UTF-8', async () => {
    const utf16le = join(scratch, 'utf16le年度报告.txt');
    const utf16be = join(scratch, 'utf16be年度报告.txt');
    const text = readFileSync(corpusFile, 'utf8');
    writeFileSync(utf16le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(utf16be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const r = await run('check', '--format', 'json', corpusFile, gb18030File, utf16le, utf16be);
    assert.equal(r.err, '');
    const [utf8, ...others] = json(r).files;
    assert.ok(findings(utf8).length >= 3);
    for (const f of others) assert.deepEqual(findings(f), findings(utf8), f.path);
    // the fixture is real GB18030: not UTF-8, and its bytes decode to the corpus text
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(gb18030File)));
    assert.equal(new TextDecoder('gb18030').decode(readFileSync(gb18030File)), text);
  });

  test('a folder of 3000 files: all walked, the reports among them checked', async () => {
    const many = join(scratch, 'many');
    for (let d = 0; d < 30; d++) {
      const dir = join(many, `dept-${d}`, 'sub');
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 100; i++) writeFileSync(join(dir, `note-${i}.txt`), `会议纪要 ${i}\n`);
      writeFileSync(join(dir, `第${d}局2024年度报告.md`), report2021());
    }
    const t0 = Date.now();
    const r = await run('check', '--format', 'json', many);
    const files = json(r).files;
    assert.equal(r.code, 0, r.err);
    assert.equal(files.length, 30, 'the notes are no reports and are passed over');
    process.stdout.write(`# 3030 files walked, 30 reports checked in ${Date.now() - t0} ms\n`);
  });

  test('symbolic links: loops end, a linked report is checked once, a loop named on the command line is told', async () => {
    const dir = join(scratch, 'links');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', '甲局2024年度报告.md'), report2021());
    symlinkSync('..', join(dir, 'a', 'up')); // a loop through the parent
    symlinkSync(join(dir, 'a'), join(dir, 'b')); // the same folder twice
    symlinkSync(join(dir, 'a', '甲局2024年度报告.md'), join(dir, '链接的年度报告.md'));
    symlinkSync('loop2', join(dir, 'loop1'));
    symlinkSync('loop1', join(dir, 'loop2'));
    symlinkSync('nowhere', join(dir, 'dangling.md'));
    const r = await run('check', '--lang', 'en', '--format', 'json', dir);
    assert.equal(r.code, 0, r.err);
    const paths = json(r).files.map((f) => f.path);
    assert.ok(paths.length >= 1 && paths.length <= 3, paths.join(', '));
    const explicit = await run('check', '--lang', 'en', join(dir, 'loop1'), join(dir, 'dangling.md'));
    assert.equal(explicit.code, 2);
    assert.match(explicit.err, /loop1: its symbolic links form a loop/);
    assert.match(explicit.err, /dangling\.md: no such file or folder/);
  });

  test('a named pipe is not read (it would block), with a message', async (t) => {
    const fifo = join(scratch, 'pipe.txt');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('no mkfifo');
    const r = await run('check', '--lang', 'en', fifo, good);
    assert.equal(r.code, 2);
    assert.match(r.err, /pipe\.txt: not a regular file/);
    assert.match(r.out, /table-sum/);
  });

  test('unreadable files and folders: told by name, the rest is checked', async (t) => {
    const dir = join(scratch, 'locked');
    mkdirSync(join(dir, 'closed'), { recursive: true });
    writeFileSync(join(dir, '乙局2024年度报告.md'), report2021());
    writeFileSync(join(dir, '丙局2024年度报告.md'), report2021());
    writeFileSync(join(dir, 'closed', '丁局2024年度报告.md'), report2021());
    chmodSync(join(dir, '丙局2024年度报告.md'), 0o000);
    chmodSync(join(dir, 'closed'), 0o000);
    // root reads everything: run the built checker as an ordinary user, if this machine can
    const cli = join(root, 'dist', 'cli.js');
    const asRoot = process.getuid?.() === 0;
    if (asRoot && (!existsSync(cli) || spawnSync('setpriv', ['--version']).status !== 0))
      return t.skip('running as root without setpriv or dist/cli.js');
    const command = asRoot ? 'setpriv' : process.execPath;
    const drop = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];
    if (asRoot && spawnSync('setpriv', [...drop, join(root, 'bin', 'nianbao.js'), '--version']).status !== 0)
      return t.skip('the checkout is not readable by an ordinary user');
    const args = [...(asRoot ? drop : []), join(root, 'bin', 'nianbao.js'), 'check', '--lang', 'en', '--format', 'json', dir];
    const r = spawnSync(command, args, { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /丙局2024年度报告\.md: cannot be read \(EACCES\)/);
    assert.match(r.stderr, /closed: permission denied \(EACCES\)/);
    assert.equal(JSON.parse(r.stdout).files.length, 1, 'the readable report is checked');
  });

  test('the bundled checker prints its messages and exits; it does not crash on any of this', () => {
    const cli = join(root, 'bin', 'nianbao.js');
    // the bundle is what users run: without it this test would prove nothing, so it fails rather than pass
    assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
    let out = '';
    try {
      out = execFileSync(process.execPath, [cli, 'check', '--lang', 'en', scratch], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      assert.ok(x.status === 1 || x.status === 2, `exit ${x.status}: ${x.stderr}`);
      assert.doesNotMatch(x.stderr, /at .*\.js:\d+/, 'no stack trace');
      out = x.stdout;
    }
    assert.match(out, /file\(s\) checked/);
  });
});
