import type { QueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { WeekLesson } from '../../../../src/contracts/timetable.js';
import { addDays, weekday } from '../../../../src/domain/dates.js';
import { dateRu } from '../../format.js';

export const mondayOf = (date: string) => addDays(date, 1 - weekday(date));
export const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];

/** After a change, every timetable view (their keys start with the route, keyOf). */
export const refreshTimetable = (qc: QueryClient) =>
  qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('GET /timetable/') });

/** Previous / this / next week, keyboard-friendly. */
export function WeekNav({
  weekStart,
  today,
  onChange,
  label,
}: {
  weekStart: string;
  today: string;
  onChange(date: string): void;
  label: string;
}) {
  return (
    <div className="actions tt-weeknav no-print" role="group" aria-label={label}>
      <button type="button" className="secondary" onClick={() => onChange(addDays(weekStart, -7))}>
        ← Предыдущая неделя
      </button>
      <button type="button" className="secondary" onClick={() => onChange(today)} disabled={mondayOf(today) === weekStart}>
        Текущая неделя
      </button>
      <button type="button" className="secondary" onClick={() => onChange(addDays(weekStart, 7))}>
        Следующая неделя →
      </button>
      <label className="inline">
        <span className="sr-only">Неделя, содержащая дату</span>
        <input
          type="date"
          value={weekStart}
          onChange={(e) => e.target.value && onChange(e.target.value)}
          aria-label="Перейти к неделе, содержащей дату"
        />
      </label>
    </div>
  );
}

/** What happened to a lesson on its date, in words and a badge (not colour alone). */
export function ChangeBadges({ l, recorded = true }: { l: WeekLesson; recorded?: boolean }) {
  return (
    <>
      {l.status === 'cancelled' && <span className="badge danger">Отменено</span>}
      {l.change?.kind === 'substitute' && <span className="badge warn">Замена</span>}
      {l.change?.kind === 'replace' && <span className="badge warn">Замена предмета</span>}
      {l.change?.kind === 'move' && (
        <span className="badge warn">
          Перенос с {dateRu(l.change.slotDate)}, {l.change.slotPairNo} пара
        </span>
      )}
      {l.source === 'manual' && <span className="badge">Вне расписания</span>}
      {l.detached && <span className="badge">Нет в расписании</span>}
      {recorded && l.recorded && <span className="badge ok">Записано</span>}
    </>
  );
}

/** What a lesson shows besides its subject; `recorded`: the journal state, for staff. */
export type Show = { group?: boolean; teacher?: boolean; room?: boolean; recorded?: boolean };

/** One lesson of a week; `journalFor`: the teacher whose own lessons link to the journal. */
export function LessonItem({ l, show, journalFor }: { l: WeekLesson; show: Show; journalFor?: number }) {
  return (
    <li className={`tt-lesson${l.status === 'cancelled' ? ' cancelled' : ''}${l.change || l.source === 'manual' ? ' changed' : ''}`}>
      <div className="tt-lesson-head">
        <span className="tt-pair">
          {l.pairNo ? `${l.pairNo} пара` : 'Без пары'}
          {l.startsAt ? ` · ${l.startsAt}–${l.endsAt}` : ''}
        </span>
        <ChangeBadges l={l} recorded={show.recorded ?? true} />
      </div>
      <div className="tt-subject">
        {l.subjectCode} {l.subjectName}
      </div>
      <div className="small">
        {show.group && (
          <span>
            {l.groupName}
            {l.subgroupName ? ` (${l.subgroupName})` : ''}
          </span>
        )}
        {show.group && !l.subgroupName ? null : !show.group && l.subgroupName ? <span>{l.subgroupName}</span> : null}
        {show.teacher && (
          <span>
            {show.group || l.subgroupName ? ' · ' : ''}
            {l.teacherName}
            {l.plannedTeacherName ? <em> (вместо {l.plannedTeacherNameGen})</em> : null}
          </span>
        )}
        {!show.teacher && l.plannedTeacherName && (
          <span>
            {' '}
            · ведёт {l.teacherName} вместо {l.plannedTeacherNameGen}
          </span>
        )}
        {show.room && l.room && <span> · ауд. {l.room}</span>}
      </div>
      {l.change?.reason && (
        <div className="small muted">
          {l.change.title}: {l.change.reason}
        </div>
      )}
      {l.unscheduledReason && <div className="small muted">Причина: {l.unscheduledReason}</div>}
      {l.lessonId && l.status === 'scheduled' && journalFor === l.teacherPersonId && (
        <div className="small no-print">
          <Link to={`/journal/lessons/${l.lessonId}`}>Открыть занятие в журнале</Link>
        </div>
      )}
    </li>
  );
}
