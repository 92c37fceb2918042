import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Sweeps the sources of every user-visible string for Russian made by hand: a count glued to
// a noun without countRu/pluralForm, a decimal point, a name after a preposition left in the
// nominative. Abbreviations («5 чел.», «12 ч») do not decline and are allowed.

const root = join(import.meta.dirname, '..', '..');
const dirs = ['src/server', 'src/cli', 'web/src'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

const sources = dirs
  .flatMap((d) => files(join(root, d)))
  .map((p) => ({ path: relative(root, p), lines: readFileSync(p, 'utf8').split('\n') }));

// Every form of the nouns counted in the product; «пара» after a number is an ordinal («3 пара»).
const NOUN = String.raw`(?:пар|пары|занятие|занятия|занятий|обучающийся|обучающихся|студент(?:а|ов)?|групп[аы]?|час(?:а|ов)?|оценк[аи]|оценок|человека?|строк[аи]?|дисциплин[аы]?|дисциплинам|день|дня|дней|минут[аы]?|пропуск(?:а|ов)?|родител(?:ь|я|ей)|недел[ьяи]|недель|запис(?:ь|и|ей)|раз(?:а)?|балл(?:а|ов)?)`;
// `${n} занятий` in a template, {n} занятий in JSX: a number glued to a noun.
const HAND_PLURAL = new RegExp(String.raw`(?:\$\{[^{}]*\}|(?<![\w$])\{[^{}]*\})\s+${NOUN}(?![а-яё])`);
const COUNT_OK = /countRu|pluralForm|formatRu|dateRu|dateLongRu|Name|name|title|Title|label|code|kind/;

function offending(re: RegExp, ok: (match: string, line: string) => boolean) {
  const out: string[] = [];
  for (const f of sources) {
    f.lines.forEach((line, i) => {
      const m = re.exec(line);
      if (m && !ok(m[0], line)) out.push(`${f.path}:${i + 1}: ${m[0]}`);
    });
  }
  return out;
}

describe('Russian in the user-visible strings', () => {
  it('counts go through countRu / pluralForm', () => {
    expect(offending(HAND_PLURAL, (m) => COUNT_OK.test(m))).toEqual([]);
  });
  it('plural endings are chosen by Intl.PluralRules in one place', () => {
    expect(offending(/% 10\b.*% 100\b/, () => false).filter((x) => !x.startsWith('src/domain/'))).toEqual([]);
    expect(offending(/new Intl\.PluralRules\(/, () => false)).toEqual([]);
  });
  it('numbers are shown with a decimal comma by one formatter', () => {
    const re = /\.toFixed\(|\.replace\('\.', ','\)|toLocaleString\(/;
    expect(offending(re, () => false)).toEqual([]);
    // A value that may be fractional is never interpolated raw.
    expect(
      offending(
        /(?<!=)\$?\{[\w.?]*\.(?:hoursPerWeek|weeklyLoad|weight|average|weightedAverage|percent|passRate|qualityRate)\}/,
        () => false,
      ),
    ).toEqual([]);
  });
  it('a name after «вместо» is declined (genitive)', () => {
    expect(offending(/вместо \$?\{[^{}]*\}/, (m) => /Gen|NameIn\(/.test(m))).toEqual([]);
  });
  it('no pronoun is fixed to one sex next to a person', () => {
    expect(
      offending(/(?:в|на|у) (?:его|её) (?:расписании|журнале|группе)|(?:записал|выставил|отметил|сохранил)\(а\)/, () => false),
    ).toEqual([]);
  });
});
