import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReport } from '../../server/src/engine';
import { applyFix, at, byRule, report2016 } from './pre2019';

// Leftovers of copying and of the template: placeholders, 755多条, 文号 brackets, another office's name.

const rule = (text: string, id: string) => byRule(checkReport(text).findings, id);

describe('placeholder', () => {
  test('XX件, ××局, X年X月, empty brackets, a blank line to write on', () => {
    const text = report2016({
      proactive: '全年主动公开政府信息XX件，××局公开了X年X月的预算。',
      applications: '全年收到申请12件，依据（ ）号文件办理，文号为青政办〔 〕号。经办人：____。',
    });
    assert.deepEqual(
      rule(text, 'placeholder').map((f) => at(text, f)),
      ['XX件', '××局', 'X年X月', '（ ）', '〔 〕', '____'],
    );
    for (const f of rule(text, 'placeholder')) assert.equal(f.severity, 'warning');
  });

  test('the prompts of the report template left unwritten', () => {
    const text = report2016({ proactive: '（请填写）', applications: '全年收到申请12件。（请填写，收取信息处理费的情况在此报告）' });
    assert.deepEqual(
      rule(text, 'placeholder').map((f) => at(text, f)),
      ['（请填写）', '（请填写，收取信息处理费的情况在此报告）'],
    );
  });

  test('an item of a list of counts without its number', () => {
    const text = report2016({ proactive: '全年公开核准企业资质条、施工许可证76条、排水许可证5条。' });
    const f = rule(text, 'placeholder');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '全年公开核准企业资质条');
    assert.match(f[0].message.zh, /缺少数字/);
  });

  test('silent: letters in an e-mail address or a word, a Markdown rule, words ending in 件 or 条', () => {
    const text = report2016({
      proactive:
        '电子邮箱：pzxxgkb@163.com，网址www.xx.gov.cn，X光机1台。\n\n___\n\n公开文件、案件、条件共120条，规范性文件5件、政策解读3条。',
    });
    assert.deepEqual(
      rule(text, 'placeholder').map((f) => at(text, f)),
      [],
    );
  });
});

describe('approximate-exact', () => {
  test('755多条: an exact number with 多', () => {
    const text = report2016({ proactive: '全年主动公开政府信息755多条，接受咨询23余人次。' });
    const f = rule(text, 'approximate-exact');
    assert.deepEqual(
      f.map((x) => at(text, x)),
      ['755多', '23余'],
    );
    assert.equal(f[0].message.zh, '「755多条」既是确切的数，又带“多”：确切时写“755条”，约数时写“750多条”');
  });

  test('silent: round numbers with 多 or 余, 余 as a word', () => {
    const text = report2016({ proactive: '全年主动公开政府信息750多条、5500 余条、670余条、3000多人次，其余10件已办结，2.5万余元。' });
    assert.deepEqual(rule(text, 'approximate-exact'), []);
  });
});

describe('document-number-brackets', () => {
  test('[2016], (2016), 【2016】: the fix writes 〔2016〕', () => {
    const text = report2016({
      overview: '按照《工作要点》（渝府办发[2016]121号）、《通知》（闽政办（2016）33号）和黔江府办【2016】72号文件的要求。',
    });
    const f = rule(text, 'document-number-brackets');
    assert.deepEqual(
      f.map((x) => at(text, x)),
      ['渝府办发[2016]121号', '闽政办（2016）33号', '黔江府办【2016】72号'],
    );
    assert.equal(f[0].message.zh, '文号「渝府办发[2016]121号」中的年份应当用六角括号〔〕括起：「渝府办发〔2016〕121号」');
    let fixedText = text;
    for (const x of [...f].reverse()) fixedText = applyFix(fixedText, x.fix!.edits);
    assert.match(fixedText, /渝府办发〔2016〕121号）、《通知》（闽政办〔2016〕33号）和黔江府办〔2016〕72号/);
    assert.deepEqual(rule(fixedText, 'document-number-brackets'), []);
  });

  test('silent: 〔〕 already right, a court case number, a year in brackets that is no 文号', () => {
    const text = report2016({ overview: '依据国办公开办函〔2019〕60号，参照（2016）闽01行初12号判决，统计了（2016）年度数据。' });
    assert.deepEqual(rule(text, 'document-number-brackets'), []);
  });
});

describe('other-office', () => {
  test('the report names itself as another office', () => {
    const text = report2016({
      period: '特向社会公布2016年度白水县人民政府信息公开年度报告。本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。',
    });
    const f = rule(text, 'other-office');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '白水县人民政府');
    assert.match(f[0].message.zh, /这里称呼本报告的单位为「白水县人民政府」，而标题是「青山县人民政府」的报告/);
  });

  test('the signature of another office, an annex titled for another office', () => {
    const text = report2016({ signature: '白水县人民政府' }).replace('附件：青山县人民政府', '附件：白水县人民政府');
    assert.deepEqual(
      rule(text, 'other-office').map((f) => at(text, f)),
      ['白水县人民政府', '白水县人民政府'],
    );
  });

  test('a county speaking as a city: 我市 and 市本级 warn, 全市 is information', () => {
    const text = report2016({ proactive: '我市主动公开政府信息1200条，公开市本级“三公”经费。加强对全市信息公开工作的督导。' });
    const f = rule(text, 'other-office');
    assert.deepEqual(
      f.map((x) => [at(text, x), x.severity]),
      [
        ['我市', 'warning'],
        ['市本级', 'warning'],
        ['全市', 'information'],
      ],
    );
  });

  test('silent: the office itself, its place in short, the city above it ranked, 本市场', () => {
    const text = report2016({
      title: '某市青山县人民政府2016年政府信息公开工作年度报告',
      proactive: '青山县全县主动公开政府信息1200条，在全市考核中名列前茅，本市场监管信息也已公开。',
      signature: '青山县人民政府',
    });
    assert.deepEqual(
      rule(text, 'other-office').map((f) => at(text, f)),
      [],
    );
  });
});
