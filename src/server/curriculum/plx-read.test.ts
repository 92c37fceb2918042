import { describe, expect, it } from 'vitest';
import { HOUR_KINDS, zeroHours } from '../../domain/curriculum.js';
import { journalTerms, PlxError } from '../../domain/plx.js';
import { DEMO_PLX_PROGRAMS, demoPlxSource } from './plx-demo.js';
import { decodePlx, parsePlxDocument, readPlx } from './plx-read.js';
import { writePlx } from './plx-write.js';

// The bytes of a .plx as «Планы» saves them: UTF-16 LE with a BOM, CRLF, a diffgram of rows.
const xml = (rows: string) =>
  `<?xml version="1.0" encoding="utf-16"?>\r\n<Документ Тип="РАБОЧИЙ УЧЕБНЫЙ ПЛАН" СеместровНаКурсе="2">\r\n` +
  '  <diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">\r\n' +
  `    <dsMMISDB xmlns="http://tempuri.org/dsMMISDB.xsd">\r\n${rows}\r\n    </dsMMISDB>\r\n  </diffgr:diffgram>\r\n</Документ>\r\n`;
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const ROWS = [
  '<ООП diffgr:id="ООП1" msdata:rowOrder="0" Код="8091" Шифр="43.02.15" Название="Поварское и кондитерское дело">',
  '  <ООП diffgr:id="ООП2" msdata:rowOrder="1" Код="-1" КодРодительскогоООП="8091" Шифр="" Название="Профиль" />',
  '</ООП>',
  '<Планы diffgr:id="Планы1" Код="-1" КодООП="8091" ГодНачалаПодготовки="2025" Титул="Специальность 43.02.15&#xD;&#xA;" Квалификация="Специалист &quot;по кухне&quot;" />',
  '<ПланыЦиклы Код="-10" Идентификатор="ОП" Цикл="Общепрофессиональный цикл" Номер="1" />',
  '<ПланыСтроки Код="-2" КодБлока="-10" ДисциплинаКод="ОП.01" Дисциплина="Микробиология" ТипОбъекта="2" />',
  '<ПланыНовыеЧасы Код="-3" КодОбъекта="-2" КодВидаРаботы="101" КодТипаЧасов="1" Курс="2" Семестр="1" Сессия="0" Количество="36" />',
].join('\r\n');

describe('reading the bytes of a .plx', () => {
  it('decodes UTF-16 LE with a BOM (and BE, and UTF-8), reads nested rows and attribute entities', () => {
    const text = xml(ROWS);
    const le = parsePlxDocument(utf16(text), 'план.PLX');
    expect(le.tables['ООП']).toHaveLength(2);
    expect(le.tables['Планы'][0]['Титул']).toBe('Специальность 43.02.15\r\n');
    expect(le.tables['Планы'][0]['Квалификация']).toBe('Специалист "по кухне"');
    const be = Buffer.from(utf16(text));
    be.swap16();
    expect(decodePlx(be)).toBe(text);
    expect(decodePlx(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    const plan = readPlx(utf16(text), 'plan.plx');
    expect(plan.program).toMatchObject({ code: '43.02.15', intakeYear: 2025, qualification: 'Специалист "по кухне"' });
    expect(plan.items[0].terms[0].hours.theory).toBe(36);
  });

  it('refuses what is not a whole plan, saying why', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PlxError ? e.code : String(e);
      }
      return 'ok';
    };
    const good = utf16(xml(ROWS));
    expect(code(() => parsePlxDocument(good, 'plan.xlsx'))).toBe('not_plx');
    expect(code(() => parsePlxDocument(Buffer.from('PK\u0003\u0004'), 'plan.plx'))).toBe('not_plx');
    expect(code(() => parsePlxDocument(utf16('<?xml version="1.0"?><html><body/></html>'), 'plan.plx'))).toBe('not_plx');
    expect(code(() => parsePlxDocument(good.subarray(0, good.length - 40), 'plan.plx'))).toBe('corrupt');
    expect(code(() => parsePlxDocument(utf16(xml(ROWS).replace('</ООП>', '')), 'plan.plx'))).toBe('corrupt');
    expect(code(() => parsePlxDocument(utf16(xml(`${ROWS}\r\nтекст вне строк`)), 'plan.plx'))).toBe('corrupt');
    expect(code(() => parsePlxDocument(utf16('<Документ></Документ>'), 'plan.plx'))).toBe('corrupt');
    expect(code(() => parsePlxDocument(Buffer.alloc(8 * 1024 * 1024 + 2), 'plan.plx'))).toBe('too_large');
    expect(code(() => readPlx(good, 'plan.plx'))).toBe('ok');
    try {
      parsePlxDocument(good.subarray(0, good.length - 40), 'plan.plx');
    } catch (e) {
      expect((e as Error).message).toMatch(/^Файл «plan\.plx» повреждён или загружен не полностью/);
    }
  });

  it('writes what it reads: UTF-16 LE with a BOM and CRLF line ends', () => {
    const buf = writePlx({
      program: {
        code: '43.02.15',
        name: 'Поварское и кондитерское дело',
        qualification: 'Специалист',
        studyForm: 'extramural',
        intakeYear: 2024,
        semesters: 6,
      },
      items: [
        {
          code: 'ОП.01',
          name: 'Микробиология',
          kind: 'discipline',
          cycle: 'ОП',
          parentCode: null,
          terms: [{ termNo: 3, hours: { theory: 36 }, form: 'Э' }],
        },
      ],
    });
    expect([...buf.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(decodePlx(buf)).toContain('\r\n<Документ');
    const plan = readPlx(buf, 'x.plx');
    expect(plan.program).toMatchObject({ studyForm: 'extramural', duration: '2 г. 10 мес.', intakeYear: 2024 });
    expect(plan.items[0].terms[0]).toMatchObject({ termNo: 3, forms: ['Э'], fileTotal: 36 });
  });

  it('round-trips every demo program: generate → read → the same items, hours by kind and forms', () => {
    for (const code of DEMO_PLX_PROGRAMS) {
      const src = demoPlxSource(code, 2025);
      const plan = readPlx(writePlx(src), `${code}.plx`);
      expect(plan.skipped, code).toEqual([]);
      expect(
        plan.items.map((i) => i.code),
        code,
      ).toEqual(src.items.map((i) => i.code));
      for (const it of src.items) {
        const got = plan.items.find((i) => i.code === it.code)!;
        const expected = it.terms
          .filter((t) => t.form || HOUR_KINDS.some((k) => (t.hours[k] ?? 0) > 0))
          .map((t) => ({ termNo: t.termNo, hours: { ...zeroHours(), ...t.hours }, form: t.form, extraForms: [] }));
        expect(journalTerms(got), `${code} ${it.code}`).toEqual(expected);
        expect(got.parentCode, `${code} ${it.code}`).toBe(it.parentCode);
      }
    }
  });
});
