import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { PAPERS } from '../../../../src/contracts/print.js';
import { call, hrefOf, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { countRu, dateTimeRu, NOUNS, numberRu } from '../../format.js';
import { ErrorNotice, Notice } from '../../ui/index.js';
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

/** The year, term and paper of a printed journal, chosen on the page. */
function usePeriod(enabled: boolean) {
  const me = useMe();
  const years = useQuery({
    queryKey: keyOf('GET /academic-years'),
    queryFn: () => call('GET /academic-years'),
    enabled: enabled && can(me, 'structure:read'),
  });
  const [year, setYear] = useState<number | null>(null);
  const [term, setTerm] = useState<number | null>(null);
  const [paper, setPaper] = useState<'A4' | 'A3'>('A4');
  const list = years.data ?? [];
  const chosen = list.find((y) => y.id === year) ?? yearOf(list, new Date().toISOString().slice(0, 10));
  const choice = { year: chosen?.id, term: term ?? undefined, paper };
  const fields = (
    <>
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
    </>
  );
  return { choice, fields };
}

export function PrintGroupJournal({ groupId }: { groupId: number }) {
  const me = useMe();
  const allowed = printsGroup(me, groupId);
  const { choice, fields } = usePeriod(allowed);
  if (!allowed) return null;
  return (
    <details className="print-journal">
      <summary>Печать журнала</summary>
      <p className="muted small">
        Журнал учебных занятий группы в виде документа (PDF): титульный лист, содержание, список и движение обучающихся, развороты по
        дисциплинам, сводная ведомость, исправления, замечания и заверительная запись для подписи директора и печати.
      </p>
      <div className="actions">
        {fields}
        <a className="button" href={hrefOf('GET /print/groups/:id/journal', { params: { id: groupId }, query: choice })} download>
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

const BATCH_STATUS = { queued: 'в очереди', running: 'печатаются', done: 'готовы', failed: 'не напечатаны' } as const;

/**
 * «Напечатать журналы всех групп» (issue 13 item 2): the journals of every group with load in the
 * year, made in the background a group at a time; the progress, each group's PDF and one zip.
 * For those who print every group's journal (the director, the deputy, the methodist).
 */
export function PrintAllJournals() {
  const me = useMe();
  const allowed = reaches(me, 'journal:print', 'org');
  const { choice, fields } = usePeriod(allowed);
  const qc = useQueryClient();
  const latest = useQuery({ queryKey: keyOf('GET /print/journals'), queryFn: () => call('GET /print/journals'), enabled: allowed });
  const [started, setStarted] = useState<number | null>(null);
  const id = started ?? latest.data?.[0]?.id ?? 0;
  const req = { params: { id } };
  const batch = useQuery({
    queryKey: keyOf('GET /print/journals/:id', req),
    queryFn: () => call('GET /print/journals/:id', req),
    enabled: allowed && id > 0,
    // While the journals are being printed, their progress is asked for every second.
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.batch.status) ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: () => call('POST /print/journals', { body: choice }),
    onSuccess: (r) => {
      setStarted(r.batch.id);
      void qc.invalidateQueries({ queryKey: keysOf('GET /print/journals') });
    },
  });
  if (!allowed) return null;
  const p = batch.data;
  const b = p?.batch;
  const tz = me.organization.timeZone;
  return (
    <details className="print-journal">
      <summary>Печать журналов всех групп</summary>
      <p className="muted small">
        Журналы учебных занятий всех групп колледжа (PDF) печатаются в фоне по одной группе; страницу можно закрыть и вернуться позже.
      </p>
      <div className="actions">
        {fields}
        <button
          type="button"
          onClick={() => start.mutate()}
          disabled={start.isPending || b?.status === 'queued' || b?.status === 'running'}
        >
          Напечатать журналы всех групп
        </button>
      </div>
      <ErrorNotice error={start.error ?? batch.error} />
      {b && (
        <div aria-live="polite">
          <p>
            {b.title}: <strong>{BATCH_STATUS[b.status]}</strong>
            {b.totalSteps > 0 && ` — ${numberRu(b.doneSteps)} из ${countRu(b.totalSteps, NOUNS.group)}`}
            {b.finishedAt && `, ${dateTimeRu(b.finishedAt, tz)}`}
          </p>
          {(b.status === 'queued' || b.status === 'running') && (
            <progress aria-label="Ход печати журналов" max={Math.max(b.totalSteps, 1)} value={b.doneSteps} />
          )}
          {b.status === 'failed' && <Notice kind="error">Журналы не напечатаны: {b.error}</Notice>}
          {b.status === 'done' && (
            <p>
              <a className="button" href={hrefOf('GET /print/journals/:id/journals.zip', req)} download>
                Скачать журналы всех групп (zip)
              </a>
            </p>
          )}
          {p.groups.length > 0 && (
            <ul className="print-batch-files">
              {p.groups.map((g) =>
                g.files.map((f) => (
                  <li key={f.id}>
                    <a href={hrefOf('GET /print/journals/:id/files/:fileId', { params: { id, fileId: f.id } })} download>
                      Журнал {g.groupName} (PDF)
                    </a>
                  </li>
                )),
              )}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
