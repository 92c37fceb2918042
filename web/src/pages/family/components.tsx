import { useQuery } from '@tanstack/react-query';
import { DayEvents } from '../messages/day-events.js';
import { useState } from 'react';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { ABSENCE_TITLES, type AbsenceCode } from '../../../../src/domain/marks.js';
import { TERM_GRADE_KIND_TITLES } from '../../../../src/domain/attestation.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { averageRu, dateLongRu, dateRu, dateTimeRu, numberRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';

// The student's and guardian's journal: one child at a time, on a phone first (п. 2.3, 2.6).

type Child = ApiResponse<'GET /family/children'>['items'][number];
type FamilyLesson = ApiResponse<'GET /family/students/:id/day'>['lessons'][number];
type FamilyMark = FamilyLesson['marks'][number];
type FamilyGrades = ApiResponse<'GET /family/students/:id/grades'>;

export function useChildren() {
  return useQuery({ queryKey: keyOf('GET /family/children'), queryFn: () => call('GET /family/children') });
}

/** Buttons to switch between children; nothing when there is only one. */
export function ChildSwitcher({ items, value, onChange }: { items: Child[]; value: number | null; onChange(id: number): void }) {
  if (items.length < 2) return null;
  return (
    <div className="child-switch" role="group" aria-label="Ребёнок">
      {items.map((c) => (
        <button
          key={c.studentId}
          type="button"
          className={c.studentId === value ? '' : 'secondary'}
          aria-pressed={c.studentId === value}
          onClick={() => onChange(c.studentId)}
        >
          {c.firstName}
          {c.groupName ? <span className="small"> · {c.groupName}</span> : null}
        </button>
      ))}
    </div>
  );
}

const addDaysIso = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

function MarkView({ m }: { m: FamilyMark }) {
  const removed = m.value === null;
  const last = m.changes.at(-1);
  const label =
    m.kind === 'absence'
      ? `${m.value ?? ''} — ${ABSENCE_TITLES[(m.value ?? 'н') as AbsenceCode] ?? ''}${m.hours && m.value !== 'оп' ? `, ${m.hours} ч` : ''}`
      : (m.workTypeTitle ?? 'Оценка');
  return (
    <span className="fam-mark">
      <span
        className={`mark ${m.kind === 'absence' ? 'absence' : `grade-${m.value}`} ${removed ? 'removed' : ''}`}
        title={label}
        aria-label={`${removed ? 'Снята оценка' : m.kind === 'absence' ? 'Пропуск' : 'Оценка'} ${removed ? (last?.oldValue ?? '') : m.value}: ${label}`}
      >
        {removed ? last?.oldValue : m.value}
      </span>
      {m.kind === 'grade' && (
        <span className="small muted">
          {' '}
          {m.workTypeTitle}
          {m.weight !== 1 ? `, вес ${numberRu(m.weight)}` : ''}
        </span>
      )}
      {m.kind === 'absence' && (
        <span className="small muted">
          {' '}
          {ABSENCE_TITLES[(m.value ?? 'н') as AbsenceCode]}
          {m.hours && m.value !== 'оп' ? `, ${m.hours} ч` : ''}
          {m.excuse ? ` (${m.excuse})` : ''}
        </span>
      )}
      <Changes m={m} />
    </span>
  );
}

/** «Исправлено 28.11.2026 14:05: «3» → «4». Причина: …» — guardians see every correction. */
function Changes({ m }: { m: FamilyMark }) {
  const { organization } = useMe();
  return (
    <>
      {m.changes.map((c, i) => (
        <span key={i} className="correction small">
          {c.newValue === null
            ? `Снята ${dateTimeRu(c.at, organization.timeZone)} (было «${c.oldValue}»)`
            : `Исправлено ${dateTimeRu(c.at, organization.timeZone)}: «${c.oldValue ?? '—'}» → «${c.newValue}»`}
          {c.reason ? `. Причина: ${c.reason}` : ''}
        </span>
      ))}
    </>
  );
}

/** A grade in a subject's line: the value over its date; corrected grades are marked. */
function GradeChip({ m }: { m: FamilyMark & { date: string } }) {
  const removed = m.value === null;
  const shown = removed ? m.changes.at(-1)?.oldValue : m.value;
  const what = `${dateRu(m.date)}, ${m.workTypeTitle ?? 'оценка'}${m.weight !== 1 ? `, вес ${numberRu(m.weight)}` : ''}${m.changes.length ? (removed ? ', оценка снята' : ', исправлена') : ''}`;
  return (
    <span className="fam-grade" title={what}>
      <span
        className={`mark grade-${m.value} ${removed ? 'removed' : ''} ${m.changes.length ? 'corrected' : ''}`}
        aria-label={`Оценка ${shown}: ${what}`}
      >
        {shown}
      </span>
      <span className="small muted">{dateRu(m.date).slice(0, 5)}</span>
    </span>
  );
}

function LessonCard({ l, showDate = false }: { l: FamilyLesson; showDate?: boolean }) {
  return (
    <li className={`fam-lesson${l.cancelled ? ' cancelled' : ''}`}>
      <div className="fam-lesson-head">
        <span className="pair">
          {showDate ? `${dateRu(l.date)} · ` : ''}
          {l.pairNo ? `${l.pairNo} пара` : 'Занятие'}
          {l.startsAt ? `, ${l.startsAt}–${l.endsAt}` : ''}
        </span>
        <strong>{l.subjectName}</strong>
        {l.cancelled && <span className="badge danger">Отменено</span>}
        {l.substitute && !l.cancelled && <span className="badge warn">Замена</span>}
      </div>
      <div className="small muted">
        {l.teacherName}
        {l.room ? ` · ауд. ${l.room}` : ''}
      </div>
      {l.topic && <div className="small">Тема: {l.topic}</div>}
      {l.homework && (
        <div className="small">
          <strong>Задание:</strong> {l.homework}
        </div>
      )}
      {l.files.length > 0 && (
        <div className="small">
          Файлы:{' '}
          {l.files.map((f, i) => (
            <span key={f.id}>
              {i ? ', ' : ''}
              <a href={hrefOf('GET /journal/files/:id', { params: { id: f.id } })} download={f.fileName}>
                {f.fileName}
              </a>
            </span>
          ))}
        </div>
      )}
      {l.homeworkDue && (
        <div className="small">
          <strong>К этому занятию:</strong> {l.homeworkDue}
        </div>
      )}
      {l.marks.length > 0 && (
        <div className="fam-marks">
          {l.marks.map((m) => (
            <MarkView key={m.id} m={m} />
          ))}
        </div>
      )}
    </li>
  );
}

export function DayView({ studentId, compact = false }: { studentId: number; compact?: boolean }) {
  // A notification's link opens the diary on its date (/family?date=…).
  const [date, setDate] = useState<string | null>(() => (compact ? null : new URLSearchParams(location.search).get('date')));
  const req = { params: { id: studentId }, query: { date: date ?? undefined } };
  const q = useQuery({ queryKey: keyOf('GET /family/students/:id/day', req), queryFn: () => call('GET /family/students/:id/day', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const today = date === null ? d.date : null;
  return (
    <div>
      <div className="fam-nav">
        <button type="button" className="secondary" onClick={() => setDate(addDaysIso(d.date, -1))} aria-label="Предыдущий день">
          ←
        </button>
        <h3>
          {today ? 'Сегодня, ' : ''}
          {dateLongRu(d.date)}
        </h3>
        <button type="button" className="secondary" onClick={() => setDate(addDaysIso(d.date, 1))} aria-label="Следующий день">
          →
        </button>
      </div>
      {d.lessons.length ? (
        <ul className="fam-lessons">
          {d.lessons.map((l) => (
            <LessonCard key={l.lessonId} l={l} />
          ))}
        </ul>
      ) : (
        <Empty>В этот день занятий нет.</Empty>
      )}
      <DayEvents studentId={studentId} date={d.date} />
      {d.news.length > 0 && (
        <>
          <h3>Выставлено и исправлено в этот день за прошлые занятия</h3>
          <ul className="fam-lessons">
            {d.news.map((l) => (
              <LessonCard key={l.lessonId} l={l} showDate />
            ))}
          </ul>
        </>
      )}
      {!compact && d.next && (
        <>
          <h3>Следующий учебный день: {dateLongRu(d.next.date)}</h3>
          <ul className="fam-lessons">
            {d.next.lessons.map((l) => (
              <LessonCard key={l.lessonId} l={{ ...l, marks: [] }} />
            ))}
          </ul>
        </>
      )}
      {compact && d.next && (
        <>
          <h3>Следующий учебный день: {dateLongRu(d.next.date)}</h3>
          <ul className="fam-lessons">
            {d.next.lessons.map((l) => (
              <li key={l.lessonId} className={`fam-lesson small${l.cancelled ? ' cancelled' : ''}`}>
                <span className="muted">{l.pairNo ? `${l.pairNo} пара${l.startsAt ? `, ${l.startsAt}` : ''} · ` : ''}</span>
                <strong>{l.subjectName}</strong>
                {l.cancelled && (
                  <>
                    {' '}
                    <span className="badge danger">Отменено</span>
                  </>
                )}
                {l.substitute && !l.cancelled && (
                  <>
                    {' '}
                    <span className="badge warn">Замена: {l.teacherName}</span>
                  </>
                )}
                {l.homeworkDue && <div>Задание: {l.homeworkDue}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function WeekView({ studentId }: { studentId: number }) {
  const [from, setFrom] = useState<string | null>(null);
  const req = { params: { id: studentId }, query: { from: from ?? undefined } };
  const q = useQuery({ queryKey: keyOf('GET /family/students/:id/week', req), queryFn: () => call('GET /family/students/:id/week', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const w = q.data!;
  return (
    <div>
      <div className="fam-nav">
        <button type="button" className="secondary" onClick={() => setFrom(addDaysIso(w.from, -7))} aria-label="Предыдущая неделя">
          ←
        </button>
        <h3>
          {dateRu(w.from)} – {dateRu(w.to)}
        </h3>
        <button type="button" className="secondary" onClick={() => setFrom(addDaysIso(w.from, 7))} aria-label="Следующая неделя">
          →
        </button>
      </div>
      {w.days.every((d) => !d.lessons.length) && (
        <Empty>На этой неделе занятий нет: каникулы, практика или расписание ещё не составлено.</Empty>
      )}
      {w.days.some((d) => d.lessons.length) &&
        w.days.map((d) => (
          <section key={d.date} className="fam-day" aria-label={dateLongRu(d.date)}>
            <h4>{dateLongRu(d.date)}</h4>
            {d.lessons.length ? (
              <ul className="fam-lessons">
                {d.lessons.map((l) => (
                  <LessonCard key={l.lessonId} l={l} />
                ))}
              </ul>
            ) : (
              <p className="small muted">Занятий нет.</p>
            )}
          </section>
        ))}
    </div>
  );
}

const fmt = averageRu;

export function GradesView({ studentId }: { studentId: number }) {
  const student = { params: { id: studentId } };
  const overview = useQuery({
    queryKey: keyOf('GET /family/students/:id', student),
    queryFn: () => call('GET /family/students/:id', student),
  });
  const [termId, setTermId] = useState<number | null>(null);
  const tid = termId ?? overview.data?.currentTermId ?? null;
  const q = useQuery({
    queryKey: keyOf('GET /family/students/:id/grades', { ...student, query: { termId: tid ?? undefined } }),
    queryFn: () => call('GET /family/students/:id/grades', { ...student, query: { termId: tid ?? undefined } }),
    enabled: overview.isSuccess && tid !== null,
  });
  if (overview.isLoading) return <Loading />;
  if (overview.error) return <ErrorNotice error={overview.error} />;
  if (tid === null) return <Empty>Семестры ещё не открыты. Оценки появятся здесь, когда начнутся занятия.</Empty>;
  const o = overview.data!;
  return (
    <div>
      <label htmlFor={`term-${studentId}`}>Семестр</label>
      <select id={`term-${studentId}`} value={tid} onChange={(e) => setTermId(Number(e.target.value))}>
        {o.years.map((y) => (
          <optgroup key={y.id} label={`${y.name} учебный год`}>
            {y.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {y.name}, {t.number}-й семестр
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {q.isLoading && <Loading />}
      {q.error && <ErrorNotice error={q.error} />}
      {q.data && <GradesBody g={q.data} />}
    </div>
  );
}

function GradesBody({ g }: { g: FamilyGrades }) {
  if (!g.subjects.length) return <Empty>За этот семестр оценок и занятий пока нет.</Empty>;
  return (
    <>
      <div className="fam-summary">
        <div>
          <span className="muted small">Средний балл</span>
          <strong>{fmt(g.average)}</strong>
        </div>
        <div>
          <span className="muted small">Пропущено, ч</span>
          <strong>{g.absences.total}</strong>
        </div>
        <div>
          <span className="muted small">без уваж. причины</span>
          <strong>{g.absences.н}</strong>
        </div>
        <div>
          <span className="muted small">Опозданий</span>
          <strong>{g.absences.оп}</strong>
        </div>
      </div>
      {g.subjects.map((s) => {
        const grades = s.marks.filter((m) => m.kind === 'grade');
        const finals = (['term', 'exam', 'final'] as const).filter((k) => s.termGrades[k]);
        return (
          <section key={`${s.subjectCode}${s.subjectName}`} className="fam-subject" aria-label={s.subjectName}>
            <h4>
              {s.subjectCode} {s.subjectName}
            </h4>
            <div className="small muted">{s.teacherName}</div>
            <div className="fam-grade-line">
              {grades.length ? grades.map((m) => <GradeChip key={m.id} m={m} />) : <span className="small muted">Оценок пока нет</span>}
            </div>
            {grades.some((m) => m.changes.length > 0) && (
              <ul className="fam-corrections">
                {grades
                  .filter((m) => m.changes.length > 0)
                  .map((m) => (
                    <li key={m.id} className="small">
                      Оценка за {dateRu(m.date)} ({m.workTypeTitle?.toLowerCase() ?? 'оценка'}): <Changes m={m} />
                    </li>
                  ))}
              </ul>
            )}
            <div className="small">
              Средний балл: <strong>{fmt(s.weightedAverage)}</strong>
              {s.absences.total > 0 && (
                <>
                  {' '}
                  · Пропущено {s.absences.total} ч (н — {s.absences.н}, б — {s.absences.б}, уп — {s.absences.уп})
                </>
              )}
              {s.absences.оп > 0 && <> · Опозданий: {s.absences.оп}</>}
            </div>
            {finals.length > 0 && (
              <div className="small">
                {finals.map((k) => (
                  <span key={k} className="badge ok">
                    {TERM_GRADE_KIND_TITLES[k]}: {s.termGrades[k]}
                  </span>
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
