import { Fragment } from 'react';
import type { CalendarSemester, CycleTotals } from '../../../../src/contracts/curriculum.js';
import { CYCLE_TITLES, type Cycle } from '../../../../src/domain/curriculum.js';
import { formatRu } from '../../../../src/domain/dates.js';
import { CALENDAR_SYMBOL_TITLES, calendarWeekStart, type CalendarCourse, type CalendarSymbol } from '../../../../src/domain/plx.js';
import { numberRu } from '../../format.js';

const num = (n: number | null) => (n == null ? '' : numberRu(n));

/** Totals by cycle and semester as «Планы» prints them; with a file, its «Итого» stands next to the journal's hours. */
export function CycleTotalsTable({ rows, caption }: { rows: CycleTotals[]; caption: string }) {
  const withFile = rows.some((r) => r.file !== null);
  const terms = (rows[0]?.terms ?? []).map((t) => t.termNo).filter((t) => rows.some((r) => r.terms[t - 1].hours || r.terms[t - 1].file));
  const differ = withFile
    ? rows.filter((r) => r.cycle !== 'Итого').reduce((s, r) => s + r.terms.filter((t) => Math.abs(t.hours - (t.file ?? 0)) > 0.5).length, 0)
    : 0;
  const cell = (hours: number, file: number | null, strong = false) => {
    const off = file !== null && Math.abs(hours - file) > 0.5;
    const H = strong ? 'strong' : 'span';
    return (
      <>
        <td className="num-cell">
          <H>{hours ? num(hours) : ''}</H>
        </td>
        {withFile && (
          <td className={`num-cell${off ? ' mismatch' : ''}`}>
            {file ? num(file) : ''}
            {off && <span className="sr-only"> (не совпадает)</span>}
          </td>
        )}
      </>
    );
  };
  return (
    <>
      <div className="table-wrap">
        <table className="list totals-table" aria-label={caption}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th rowSpan={withFile ? 2 : 1}>Цикл</th>
              {terms.map((t) => (
                <th key={t} colSpan={withFile ? 2 : 1} className="num-cell">
                  {t}-й семестр
                </th>
              ))}
              <th colSpan={withFile ? 2 : 1} className="num-cell">
                Всего
              </th>
            </tr>
            {withFile && (
              <tr>
                {[...terms, 0].map((t) => [
                  <th key={`p${t}`} className="num-cell">
                    План
                  </th>,
                  <th key={`f${t}`} className="num-cell">
                    Файл
                  </th>,
                ])}
              </tr>
            )}
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.cycle} className={r.cycle === 'Итого' ? 'total-row' : ''}>
                <th scope="row">
                  {r.cycle === 'Итого' ? 'Итого' : <abbr title={CYCLE_TITLES[r.cycle as Cycle] ?? r.cycle}>{r.cycle}</abbr>}
                </th>
                {terms.map((t) => (
                  <Fragment key={t}>{cell(r.terms[t - 1].hours, r.terms[t - 1].file, r.cycle === 'Итого')}</Fragment>
                ))}
                {cell(r.hours, r.file, true)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {withFile &&
        (differ ? (
          <p className="small">
            <span className="badge danger">Расхождения</span> Не совпадает ячеек с файлом: {differ}. Проверьте строки, которые не взяты, и
            замечания к загрузке.
          </p>
        ) : (
          <p className="small">
            <span className="badge ok">Совпадает</span> Часы по циклам и семестрам совпадают с графой «Итого» файла «Планов».
          </p>
        ))}
    </>
  );
}

/** Weeks of each kind per semester, the summary under the calendar grid. */
export function CalendarSummary({ semesters }: { semesters: CalendarSemester[] }) {
  if (!semesters.length) return null;
  return (
    <div className="table-wrap">
      <table className="list" aria-label="Сводные данные по бюджету времени, недель">
        <thead>
          <tr>
            <th>Курс</th>
            <th>Семестр</th>
            <th className="num-cell">Теоретическое обучение</th>
            <th className="num-cell">Практика</th>
            <th className="num-cell">Промежуточная аттестация</th>
            <th className="num-cell">ГИА</th>
            <th className="num-cell">Каникулы</th>
          </tr>
        </thead>
        <tbody>
          {semesters.map((s) => (
            <tr key={`${s.course}-${s.semester}`}>
              <td>{s.course}</td>
              <td>{s.termNo}</td>
              <td className="num-cell">{s.theory || ''}</td>
              <td className="num-cell">{s.practice || ''}</td>
              <td className="num-cell">{s.attestation || ''}</td>
              <td className="num-cell">{s.gia || ''}</td>
              <td className="num-cell">{s.holidays || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The calendar grid: a row of 52 weeks per course, a letter in each (readable without colour and in print). */
export function CalendarGrid({ calendar, intakeYear }: { calendar: CalendarCourse[]; intakeYear: number }) {
  const used = [...new Set(calendar.flatMap((c) => [...c.weeks]))].filter((x) => x in CALENDAR_SYMBOL_TITLES) as CalendarSymbol[];
  return (
    <>
      <div className="table-wrap">
        <table className="plx-calendar" aria-label="График учебного процесса">
          <thead>
            <tr>
              <th>Курс</th>
              {Array.from({ length: 52 }, (_, i) => (
                <th key={i} scope="col">
                  {i + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {calendar.map((c) => (
              <tr key={c.course}>
                <th scope="row">{c.course}</th>
                {[...c.weeks].map((ch, i) => {
                  const title = `${formatRu(calendarWeekStart(intakeYear + c.course - 1, i + 1))}: ${CALENDAR_SYMBOL_TITLES[ch as CalendarSymbol] ?? 'нет данных'}`;
                  return (
                    <td
                      key={i}
                      className={`w-${ch === '-' ? 'none' : ch === '=' ? 'off' : ch === '*' ? 'hol' : ch === '?' ? 'unk' : ch}${c.semesterStarts.includes(i + 1) && i > 0 ? ' sem-start' : ''}`}
                      title={title}
                    >
                      {ch === '-' ? '' : ch}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {used.map((s) => `${s} — ${CALENDAR_SYMBOL_TITLES[s]}`).join('; ')}. Недели считаются от недели, в которую входит 1 сентября;
        граница семестров отмечена чертой.
      </p>
    </>
  );
}
