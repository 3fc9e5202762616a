import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { scratchDir } from './scratch';

// Ready to publish: the manifest fields the Visual Studio Marketplace and Open VSX show or require, and
// the .vsix itself. `ovsx` has no offline dry run (publishing is its only check, against the registry),
// so what Open VSX refuses a package for is checked here: its name and publisher, a semantic version,
// engines.vscode, a license, the manifest inside the package agreeing with package.json.

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = ['package.nls.json', 'package.nls.zh-cn.json'].map((f) => JSON.parse(readFileSync(join(root, f), 'utf8')));
const MARKETPLACE_CATEGORIES = [
  'Azure',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'AI',
  'Chat',
];

/** width and height of a PNG, from its IHDR chunk */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the manifest', () => {
  test('Open VSX: name and publisher it accepts, a semantic version, engines.vscode, a license and its file', () => {
    assert.match(pkg.name, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(pkg.publisher, /^[a-z0-9][a-z0-9-]*$/i);
    assert.match(pkg.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    assert.match(pkg.engines.vscode, /^\^\d+\.\d+\.\d+$/);
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /MIT License/);
  });

  test('what the marketplaces show: icon (a square PNG of 128 or 256 pixels), banner, categories, keywords, links, changelog', () => {
    const icon = pngSize(join(root, pkg.icon));
    assert.ok(icon.width === icon.height && [128, 256].includes(icon.width), JSON.stringify(icon));
    assert.match(pkg.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    for (const c of pkg.categories) assert.ok(MARKETPLACE_CATEGORIES.includes(c), `category ${c}`);
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    // no real host exists yet: the links are valid URLs on the reserved .invalid domain, never someone else's site
    for (const url of [pkg.homepage, pkg.bugs.url, pkg.repository.url]) assert.equal(new URL(url).hostname, 'example.invalid');
    assert.match(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), /^## \[0\.1\.0\]$/m);
  });

  test('the oldest VS Code in engines.vscode is the one the client is compiled against, and the language client asks no newer', () => {
    const oldest = pkg.engines.vscode.replace(/^\^/, '');
    assert.equal(pkg.devDependencies['@types/vscode'], oldest, '@types/vscode pinned to the oldest supported version');
    const installed = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8')).version;
    assert.equal(installed, oldest);
    const client = JSON.parse(readFileSync(join(root, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
    assert.equal(client.engines.vscode, `^${oldest}`);
  });

  test('Workspace Trust and virtual workspaces declared, with what is limited said in both languages', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['nianbao.schema']);
    assert.equal(virtualWorkspaces.supported, 'limited');
    for (const n of nls) for (const c of [untrustedWorkspaces, virtualWorkspaces]) assert.ok(n[c.description.slice(1, -1)]);
  });

  test('report files open with their encoding guessed between UTF-8 and GB 2312 (read as GBK)', () => {
    const defaults = pkg.contributes.configurationDefaults['[nianbao]'];
    assert.equal(defaults['files.autoGuessEncoding'], true);
    // VS Code guesses only GB 2312 among the Chinese encodings (gbk and gb18030 have no name its detector knows), and decodes it with the GBK table
    assert.deepEqual(defaults['files.candidateGuessEncodings'], ['utf8', 'gb2312']);
  });

  test('the walkthrough: five steps, each with text, a picture in the package and a button whose command is its completion event', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['newReport', 'problems', 'quickFix', 'outline', 'export'],
    );
    for (const step of walkthrough.steps)
      for (const n of nls) {
        const text = (key: string) => n[key.slice(1, -1)] as string;
        assert.ok(text(step.title) && text(step.media.altText), `${step.id}: title and alt text`);
        assert.ok(existsSync(join(root, text(step.media.image))), `${step.id}: ${text(step.media.image)}`);
        const buttons = [...text(step.description).matchAll(/\]\(command:([\w.]+)[)?]/g)].map((m) => m[1]);
        for (const event of step.completionEvents) assert.ok(buttons.includes(event.replace('onCommand:', '')), `${step.id}: ${event}`);
      }
  });
});

describe('the .vsix', () => {
  const scratch = scratchDir('vsix');
  const vsix = join(scratch, 'nianbao.vsix');
  let files: Record<string, Uint8Array>;
  before(() => {
    // packaged from the bundles as built (npm run test:unit builds first), as `npm run package` does
    const vsce = join(root, 'node_modules', '.bin', 'vsce');
    execFileSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: root, stdio: 'pipe' });
    files = unzipSync(readFileSync(vsix));
  });

  test('the listing is clean: no tests, sources, source maps, node_modules or build scripts', () => {
    const names = Object.keys(files).filter((f) => !f.endsWith('/'));
    const unwanted = names.filter((f) => /(^|\/)(test|node_modules|client|server|scripts|bench)\/|\.map$|\.ts$|\.vsix$|tsconfig/.test(f));
    assert.deepEqual(unwanted, []);
    for (const needed of [
      'extension/package.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/server-main.js',
      'extension/media/icon.png',
      'extension/changelog.md',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/docs/schema-language.md',
      'extension/schemas/nianbao-schema.json',
    ])
      assert.ok(files[needed], needed);
  });

  test('every file the manifest names is in the package, and the package is small', () => {
    const named = [
      pkg.icon,
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
      ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...[...pkg.contributes.jsonValidation, ...pkg.contributes.yamlValidation].map((v: { url: string }) => v.url),
      ...pkg.contributes.walkthroughs[0].steps.flatMap((s: { media: { image: string } }) => nls.map((n) => n[s.media.image.slice(1, -1)])),
    ];
    for (const f of named) assert.ok(files[`extension/${f.replace(/^\.\//, '')}`], f);
    const size = readFileSync(vsix).length;
    assert.ok(size < 4_000_000, `${(size / 1e6).toFixed(2)} MB`);
  });

  test('the manifest inside agrees with package.json (what Open VSX reads the identity from)', () => {
    const manifest = strFromU8(files['extension.vsixmanifest']);
    assert.match(manifest, new RegExp(`<Identity Language="en-US" Id="${pkg.name}" Version="${pkg.version}" Publisher="${pkg.publisher}"`));
    assert.match(manifest, /<License>extension\/LICENSE.txt<\/License>/);
    assert.match(manifest, /<Icon>extension\/media\/icon.png<\/Icon>/);
    const inside = JSON.parse(strFromU8(files['extension/package.json']));
    assert.deepEqual(inside.capabilities, pkg.capabilities);
  });
});
