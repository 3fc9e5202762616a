import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildSnippets, SNIPPETS_FILE, snippetsText } from '../../scripts/snippets';
import { builtinSchemaData } from '../../server/src/engine/builtinData';
import { builtinSchema, builtinSchemas, checkReport, validateSchema, type Schema } from '../../server/src/engine/index';
import {
  PROMPT,
  reportSkeleton,
  sectionBody,
  sectionHeading,
  sectionTemplate,
  tablesTemplate,
  tableTemplate,
  templateRows,
} from '../../server/src/engine/template';
import { templateLayouts } from '../../server/src/engine/templateLayouts';

/** What a snippet inserts when every placeholder is left as it is. */
function expand(snippet: string): string {
  const values = new Map<string, string>();
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && '\\$}'.includes(snippet[i + 1])) {
      out += snippet[++i];
      continue;
    }
    const m = /^\$\{(\d+)(?::((?:\\.|[^\\}])*))?\}/.exec(snippet.slice(i));
    if (m) {
      const text = m[2] === undefined ? (values.get(m[1]) ?? '') : m[2].replace(/\\(.)/g, '$1');
      if (m[2] !== undefined) values.set(m[1], text);
      out += text;
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

function tabStops(snippet: string): number[] {
  return [...snippet.matchAll(/(?<!\\)\$\{(\d+):/g)].map((m) => Number(m[1]));
}

const schemas = builtinSchemas();

describe('report skeleton', () => {
  for (const schema of schemas) {
    describe(schema.id, () => {
      const year = schema.years.from ?? schema.years.to ?? 2024;
      const text = reportSkeleton(schema, { office: '某某区人民政府', year });

      it('is checked without a single finding but its prompts, every table and row found', () => {
        const result = checkReport(text);
        assert.equal(result.detection.schema?.id, schema.id);
        // the prompts are what is left to write: each is pointed out, nothing else is
        const prompts = result.findings.filter((f) => f.rule === 'placeholder' && text.slice(f.start, f.end).startsWith('（请填写'));
        assert.ok(prompts.length > 0);
        assert.deepEqual(
          result.findings.filter((f) => !prompts.includes(f)).map((f) => `${f.rule}: ${f.message.zh}`),
          [],
        );
        for (const table of schema.tables) {
          const bound = result.bound!.tables.get(table.id)!;
          assert.deepEqual(
            [...bound.rows.keys()].sort(),
            templateRows(table)
              .map((r) => r.id)
              .sort(),
            table.id,
          );
          for (const row of templateRows(table))
            for (const col of table.columns) assert.equal(bound.cell(row.id, col.id)?.raw, '0', `${table.id} ${row.id} ${col.id}`);
        }
      });

      it('names the office and the year in the title, sections in order', () => {
        const result = checkReport(text);
        assert.equal(result.model.title?.text, `某某区人民政府${year}年政府信息公开工作年度报告`);
        assert.equal(result.model.year, year);
        const found = schema.sections.map((s) => result.bound!.sections.get(s.id)?.heading.title);
        assert.deepEqual(
          found,
          schema.sections.map((s) => sectionHeading(schema, s).replace(/^[一二三四五六七八九十]+、/, '')),
        );
      });

      it('as a snippet: office and year are tab stops 1 and 2, mirrored; stops numbered in order', () => {
        const snippet = reportSkeleton(schema, { snippet: true });
        assert.match(snippet, /^# \$\{1:单位名称\}\$\{2:年份\}年/);
        assert.ok(snippet.includes('统计期限自${2}年'), 'the year is mirrored in the statistics period');
        const stops = tabStops(snippet);
        assert.deepEqual(
          stops,
          stops.map((_, i) => i + 1),
        );
        assert.equal(expand(snippet), reportSkeleton(schema));
      });

      it('as a snippet with office and year given: no placeholder for them, cells still tab stops', () => {
        const snippet = reportSkeleton(schema, { snippet: true, office: '某某局', year: 2024 });
        assert.match(snippet, /^# 某某局2024年/);
        assert.ok(!snippet.includes('单位名称') && !snippet.includes('年份'));
        assert.match(snippet, /\| \$\{\d+:0\} \|/);
        assert.equal(expand(snippet), reportSkeleton(schema, { office: '某某局', year: 2024 }));
      });
    });
  }

  it('escapes snippet syntax in what the user typed', () => {
    const schema = schemas[0];
    const snippet = reportSkeleton(schema, { snippet: true, office: '某局$1}\\', year: 2024 });
    assert.match(snippet, /^# 某局\\\$1\\\}\\\\2024年/);
    assert.equal(expand(snippet).split('\n')[0], '# 某局$1}\\2024年政府信息公开工作年度报告');
  });
});

describe('section and table templates', () => {
  for (const schema of schemas) {
    it(`${schema.id}: each table alone binds all its rows, 0 everywhere`, () => {
      for (const table of schema.tables) {
        const result = checkReport(tableTemplate(schema, table.id), { schema });
        const bound = result.bound!.tables.get(table.id)!;
        assert.equal(bound.rows.size, templateRows(table).length, table.id);
        assert.deepEqual(
          result.findings.filter((f) => f.rule.startsWith('table-')),
          [],
          table.id,
        );
      }
    });

    it(`${schema.id}: a section is its heading then its body`, () => {
      for (const section of schema.sections) {
        const text = sectionTemplate(schema, section.id);
        assert.equal(text, `## ${sectionHeading(schema, section)}\n\n${sectionBody(schema, section.id)}`);
        const tables = schema.tables.filter((t) => t.section === section.id);
        if (tables.length)
          assert.ok(
            text.includes(
              tablesTemplate(
                schema,
                tables.map((t) => t.id),
              ),
            ),
            section.id,
          );
        else assert.ok(text.includes('（请填写'), section.id);
      }
    });
  }

  it('2021 table 三 writes （六）其他处理 as the group of its three rows, as the official form does', () => {
    const text = tableTemplate(builtinSchema('gov-2021')!, 'applicationTable');
    assert.ok(text.includes('| （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 |'));
    assert.ok(!/\| （六）其他处理 \| 0/.test(text));
    assert.ok(text.includes('| 三、本年度办理结果 （一）予以公开 | 0 |'));
    assert.ok(text.includes('|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |'));
  });

  it('2019 table 三 keeps the single （六）其他处理 row', () => {
    assert.ok(tableTemplate(builtinSchema('gov-2019')!, 'applicationTable').includes('| （六）其他处理 | 0 |'));
  });

  it('table 四 is one row of 15 cells under the three blocks', () => {
    const lines = tableTemplate(schemas[0], 'reviewLitigationTable').trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3].split('|').length - 2, 15);
    assert.match(lines[0], /^\| 行政复议 \|/);
  });

  it('a schema without a layout gets a plain rendering', () => {
    const { schema, problems } = validateSchema({
      id: 'custom',
      name: { zh: '某某工作年度报告（试行格式）', en: 'Some annual report' },
      sections: [
        { id: 'a', title: '一、基本情况' },
        { id: 'b', title: '二、统计数据' },
      ],
      tables: [
        {
          id: 't',
          name: { zh: '统计表', en: 'Statistics' },
          section: 'b',
          columns: [{ id: 'y', label: '本年度' }],
          rows: [{ id: 'r', label: '受理件数' }],
        },
      ],
    });
    assert.deepEqual(problems, []);
    const text = reportSkeleton(schema!, { office: '某单位', year: 2024 });
    assert.equal(
      text,
      `# 某单位2024年某某工作年度报告\n\n## 一、基本情况\n\n${PROMPT}\n\n## 二、统计数据\n\n| 项目 | 本年度 |\n|---|---|\n| 受理件数 | 0 |\n`,
    );
  });
});

describe('the built-in schemas as written (what the client writes its skeleton from)', () => {
  it('are the built-in schemas, in the same order', () => {
    assert.deepEqual(
      builtinSchemaData.map((s) => s.id),
      schemas.map((s) => s.id),
    );
  });

  it('give the same skeleton as the validated schemas', () => {
    builtinSchemaData.forEach((raw, i) => {
      assert.equal(
        reportSkeleton(raw, { snippet: true, office: '某局', year: 2024 }),
        reportSkeleton(schemas[i], { snippet: true, office: '某局', year: 2024 }),
        raw.id,
      );
    });
  });
});

describe('layouts of the built-in formats', () => {
  it('name only sections, tables, rows and columns the schemas have', () => {
    for (const [id, layout] of Object.entries(templateLayouts)) {
      const schema = builtinSchema(id) as Schema;
      assert.ok(schema, `layout for unknown schema ${id}`);
      for (const s of [...Object.keys(layout.subsections), ...Object.keys(layout.prompts)])
        assert.ok(
          schema.sections.some((x) => x.id === s),
          `${id}: section ${s}`,
        );
      for (const [tableId, t] of Object.entries(layout.tables)) {
        const table = schema.tables.find((x) => x.id === tableId);
        assert.ok(table, `${id}: table ${tableId}`);
        for (const g of t.columnGroups ?? [])
          for (const c of g.columns)
            assert.ok(
              table.columns.some((x) => x.id === c),
              `${id}.${tableId}: column ${c}`,
            );
        for (const g of t.rowGroups ?? [])
          for (const r of g.rows)
            assert.ok(
              table.rows.some((x) => x.id === r),
              `${id}.${tableId}: row ${r}`,
            );
      }
    }
  });
});

describe('snippets file', () => {
  it('is what the generator writes from the schemas (run npm run build after changing a schema)', () => {
    assert.equal(readFileSync(SNIPPETS_FILE, 'utf8'), snippetsText());
  });

  it('has a skeleton per schema, every section and every table; no prefix used twice', () => {
    const snippets = buildSnippets();
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    assert.deepEqual(
      prefixes.filter((p, i) => prefixes.indexOf(p) !== i),
      [],
    );
    for (const p of [
      'nianbao',
      '年报',
      'nianbao-2021',
      'nianbao-2019',
      '表三',
      'biao3',
      'table3',
      '表二',
      'biao2-1',
      'ztqk',
      'section-overview',
    ])
      assert.ok(prefixes.includes(p), p);
    for (const schema of schemas) {
      const skeleton = Object.values(snippets).find((s) => s.prefix.includes(`nianbao-${schema.id.replace(/^gov-/, '')}`));
      assert.equal(skeleton?.body.join('\n'), reportSkeleton(schema, { snippet: true }).trimEnd());
      for (const t of schema.tables) {
        const body = tableTemplate(schema, t.id, { snippet: true }).trimEnd();
        assert.ok(
          Object.values(snippets).some((s) => s.body.join('\n') === body),
          `${schema.id}: table ${t.id}`,
        );
      }
      for (const s of schema.sections) {
        const body = sectionTemplate(schema, s.id, { snippet: true }).trimEnd();
        assert.ok(
          Object.values(snippets).some((x) => x.body.join('\n') === body),
          `${schema.id}: section ${s.id}`,
        );
      }
    }
  });
});
