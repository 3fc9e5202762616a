import { ruleDocsPath, ruleRegistry, type Range, type RuleMeta, type Severity } from '../../engine';
import type { Lang } from '../../config';
import { describeSource } from '../../documents/types';
import type { FileDiagnostic, FileResult } from '../results';

// SARIF 2.1.0, what code-scanning services and SARIF viewers read. One run; the rules are the whole
// registry (a viewer explains a rule even when this run found nothing for it). Positions: SARIF counts
// lines and columns from 1, and with columnKind utf16CodeUnits its columns are LSP's characters + 1.

export interface SarifOptions {
  lang: Lang;
  /** the tool's version */
  version: string;
  /**
   * An absolute URI ending in "/" under which `docs/rules/<id>.md` is each rule's page: the installed
   * package's folder as a file URI (what the editor links to, readable offline), or a repository's web address.
   */
  docsBase: string;
  /** the tool's home page */
  informationUri?: string;
  /** the folder relative paths are relative to, as an absolute file URI ending in "/": %SRCROOT% */
  root?: string;
  /** files that could not be read, with the reason in the run's language */
  unread?: readonly { path: string; message: string }[];
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * table-sum → TableSum: SARIF's rule name is an identifier a reader can take in at a glance. One that
 * would only differ from the id in case (placeholder) is left out, as SARIF's validator asks.
 */
function ruleName(id: string): { name?: string } {
  const name = id.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? {} : { name };
}

function rule(meta: RuleMeta, options: SarifOptions) {
  const other: Lang = options.lang === 'zh' ? 'en' : 'zh';
  return {
    id: meta.id,
    ...ruleName(meta.id),
    shortDescription: { text: meta.description[options.lang] },
    // both languages, whichever the run is in: reviewers and the offices they write to do not share one
    fullDescription: { text: `${meta.description[options.lang]}\n${meta.description[other]}` },
    helpUri: new URL(ruleDocsPath(meta.id), options.docsBase).href,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { fixable: meta.fixable, description: { zh: meta.description.zh, en: meta.description.en } },
  };
}

/** A path as SARIF wants it: a URI reference, each segment percent-encoded (Chinese file names included). */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const slashed = path.replace(/\\/g, '/');
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${slashed.slice(0, 2)}${encode(slashed.slice(2))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^\.\//, '')), uriBaseId: SRCROOT };
}

const region = (r: Range) => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

// Lines of a Word, PDF or web-page file are not those of the text that was checked: such a file's
// locations name it without a region, and say in words where in it the finding is.
const isText = (path: string) => !/\.(docx|pdf|html?)$/i.test(path);

function location(file: FileResult, range: Range, lang: Lang, d?: FileDiagnostic) {
  const artifact = artifactLocation(file.path);
  if (isText(file.path)) return { physicalLocation: { artifactLocation: artifact, region: region(range) } };
  return {
    physicalLocation: { artifactLocation: artifact },
    ...(d?.source ? { message: { text: describeSource(d.source)[lang] }, properties: { source: d.source } } : {}),
  };
}

const ruleIndex = new Map(ruleRegistry.map((r, i) => [r.id, i]));

function result(file: FileResult, d: FileDiagnostic, lang: Lang) {
  const index = ruleIndex.get(d.rule);
  return {
    ruleId: d.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(file, d.range, lang, d)],
    ...(d.related.length
      ? {
          relatedLocations: d.related.map((x, i) => ({ id: i, ...location(file, x.range, lang), message: { text: x.message } })),
        }
      : {}),
    // a fix is text edits in the checked text: only a text file's own lines can take them
    ...(d.fix && isText(file.path)
      ? {
          fixes: [
            {
              description: { text: d.fix.title },
              artifactChanges: [
                {
                  artifactLocation: artifactLocation(file.path),
                  replacements: d.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(d.arithmetic ? { properties: { arithmetic: d.arithmetic } } : {}),
  };
}

const notification = (path: string, level: 'error' | 'note', text: string) => ({
  level,
  message: { text },
  locations: [{ physicalLocation: { artifactLocation: artifactLocation(path) } }],
});

/** The SARIF log of a run over these files, as JSON text. */
export function sarif(results: readonly FileResult[], options: SarifOptions): string {
  const { lang } = options;
  const unknown = results.filter((f) => f.schema === null);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nianbao',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            language: lang === 'zh' ? 'zh-CN' : 'en-US',
            rules: ruleRegistry.map((r) => rule(r, options)),
          },
        },
        ...(options.root ? { originalUriBaseIds: { [SRCROOT]: { uri: options.root } } } : {}),
        columnKind: 'utf16CodeUnits',
        artifacts: results.map((f) => ({
          location: artifactLocation(f.path),
          ...(f.schema ? { properties: { schema: f.schema, ...f.report, ...(f.previous ? { previous: f.previous } : {}) } } : {}),
        })),
        // a file not recognised as a report was not checked: that is said of the run, not found in the file
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...(options.unread ?? []).map((f) => notification(f.path, 'error', f.message)),
              ...unknown.map((f) =>
                notification(
                  f.path,
                  'note',
                  lang === 'zh' ? '未能识别为年度报告，未检查' : 'not recognised as an annual report; not checked',
                ),
              ),
            ],
          },
        ],
        results: results.flatMap((f) => f.diagnostics.map((d) => result(f, d, lang))),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
