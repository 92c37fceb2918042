import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { PAPERS } from '../../../../src/contracts/print.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { reaches, scopedTo } from '../../scope.js';

// «Печать журнала» (issue 13): the journal as a document, a PDF on landscape A4 or A3 — a group's
// for a year or a term (the group page), a teacher's part (the grid).

type Years = ApiResponse<'GET /academic-years'>;

const PAPER_TITLES: Record<(typeof PAPERS)[number], string> = { A4: 'A4, альбомная', A3: 'A3, альбомная' };

function PaperSelect({ value, onChange }: { value: string; onChange(v: 'A4' | 'A3'): void }) {
  return (
    <label className="inline">
      Формат листа{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as 'A4' | 'A3')}>
        {PAPERS.map((p) => (
          <option key={p} value={p}>
            {PAPER_TITLES[p]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Whether the caller prints this group's journal: control roles every group's, a curator their own. */
export function printsGroup(me: ReturnType<typeof useMe>, groupId: number) {
  return reaches(me, 'journal:print', 'org') || scopedTo(me, 'journal:print', 'group').some((g) => g.id === groupId);
}

const yearOf = (years: Years, today: string) => years.find((y) => y.startDate <= today && today <= y.endDate) ?? years.at(-1);

export function PrintGroupJournal({ groupId }: { groupId: number }) {
  const me = useMe();
  const allowed = printsGroup(me, groupId);
  const readsYears = can(me, 'structure:read');
  const years = useQuery({
    queryKey: keyOf('GET /academic-years'),
    queryFn: () => call('GET /academic-years'),
    enabled: allowed && readsYears,
  });
  const [year, setYear] = useState<number | null>(null);
  const [term, setTerm] = useState<number | null>(null);
  const [paper, setPaper] = useState<'A4' | 'A3'>('A4');
  if (!allowed) return null;
  const list = years.data ?? [];
  const chosen = list.find((y) => y.id === year) ?? yearOf(list, new Date().toISOString().slice(0, 10));
  const query = { year: chosen?.id, term: term ?? undefined, paper };
  return (
    <details className="print-journal">
      <summary>Печать журнала</summary>
      <p className="muted small">
        Журнал учебных занятий группы в виде документа (PDF): титульный лист, содержание, список и движение обучающихся, развороты по
        дисциплинам, сводная ведомость, исправления, замечания и заверительная запись для подписи директора и печати.
      </p>
      <div className="actions">
        {list.length > 0 && (
          <label className="inline">
            Учебный год{' '}
            <select
              value={chosen?.id ?? ''}
              onChange={(e) => {
                setYear(Number(e.target.value));
                setTerm(null);
              }}
            >
              {list.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {chosen && (
          <label className="inline">
            Семестр{' '}
            <select value={term ?? ''} onChange={(e) => setTerm(e.target.value ? Number(e.target.value) : null)}>
              <option value="">весь учебный год</option>
              {chosen.terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.number}-й семестр
                </option>
              ))}
            </select>
          </label>
        )}
        <PaperSelect value={paper} onChange={setPaper} />
        <a className="button" href={hrefOf('GET /print/groups/:id/journal', { params: { id: groupId }, query })} download>
          Скачать журнал (PDF)
        </a>
      </div>
    </details>
  );
}

/** The teacher's part: one assignment's journal, for its teacher, the group's curator and the control roles. */
export function PrintSubjectJournal({
  assignmentId,
  groupId,
  teacherPersonId,
}: {
  assignmentId: number;
  groupId: number;
  teacherPersonId: number;
}) {
  const me = useMe();
  const [paper, setPaper] = useState<'A4' | 'A3'>('A4');
  const own = reaches(me, 'journal:print', 'assignment') && me.person.id === teacherPersonId;
  if (!own && !printsGroup(me, groupId)) return null;
  return (
    <details className="print-journal no-print">
      <summary>Печать журнала</summary>
      <div className="actions">
        <PaperSelect value={paper} onChange={setPaper} />
        <a
          className="button"
          href={hrefOf('GET /print/assignments/:id/journal', { params: { id: assignmentId }, query: { paper } })}
          download
        >
          Скачать журнал по дисциплине (PDF)
        </a>
        <span className="muted small">Для печати из браузера (Ctrl+P) страница журнала тоже подготовлена, но документ — это PDF.</span>
      </div>
    </details>
  );
}
