import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PlanDetail, PlanLine } from '../../../../src/contracts/curriculum.js';
import { limitText, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import {
  ATTESTATION_FORM_TITLES,
  checkPlanHours,
  describeHoursDifference,
  HOUR_KIND_TITLES,
  LESSON_TYPE_TITLES,
  LESSON_TYPES,
  planHours,
  zeroHours,
  addHours,
  type LessonType,
} from '../../../../src/domain/curriculum.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateTimeRu, NOUNS, numberRu } from '../../format.js';
import { ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { KEPT_NOTE, useKept } from '../../ui/form.js';
import { dropKept, keepOnSessionEnd, readKept, registerUnsaved } from '../../unsaved.js';
import { useImport } from '../../ui/import-panel.js';
import { Download, invalidatePlans, PlanStatus } from './common.js';
import { usePageTitle } from '../../page-title.js';

type Line = {
  key: number;
  section: string;
  topic: string;
  hours: number;
  lessonType: LessonType;
  selfStudyTask: string;
  selfStudyHours: number;
};
let nextKey = 1;
type KeptLines = { version: number; lines: Line[] };
const toLine = (l: PlanDetail['lines'][number]): Line => ({
  key: nextKey++,
  section: l.section ?? '',
  topic: l.topic,
  hours: l.hours,
  lessonType: l.lessonType,
  selfStudyTask: l.selfStudyTask ?? '',
  selfStudyHours: l.selfStudyHours,
});
const toBody = (l: Line): PlanLine => ({
  section: l.section || null,
  topic: l.topic,
  hours: l.hours,
  lessonType: l.lessonType,
  selfStudyTask: l.selfStudyTask || null,
  selfStudyHours: l.selfStudyHours,
});

const ACTION_KEYS = {
  submit: 'POST /lesson-plans/:id/submit',
  approve: 'POST /lesson-plans/:id/approve',
  revise: 'POST /lesson-plans/:id/revise',
} as const;
type PlanAction = { path: keyof typeof ACTION_KEYS } | { path: 'return'; remarks: string };

/** The КТП editor: lessons as a table, the hours check against the curriculum, import/export, approval. */
export function PlanPage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: keyOf('GET /lesson-plans/:id', { params: { id } }),
    queryFn: () => call('GET /lesson-plans/:id', { params: { id } }),
  });
  usePageTitle(q.data ? `КТП · ${q.data.item.name}${q.data.groupName ? ` · ${q.data.groupName}` : ''}` : 'КТП', 'plans');
  if (q.isLoading) return <Loading />;
  if (q.error)
    return (
      <>
        <p className="small">
          <Link to="/plans">← Все КТП</Link>
        </p>
        <ErrorNotice error={q.error} />
      </>
    );
  return <PlanEditor plan={q.data!} />;
}

function PlanEditor({ plan }: { plan: PlanDetail }) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // Lessons typed but not saved outlive an ended session (useKept): they come back on this version of the plan.
  const keepKey = `lesson-plan.${plan.id}`;
  const [restored] = useState(() => {
    const kept = readKept<KeptLines>(keepKey);
    return kept?.version === plan.version ? kept.lines : undefined;
  });
  const [lines, setLines] = useState<Line[]>(() => (restored ? restored.map((l) => ({ ...l, key: nextKey++ })) : plan.lines.map(toLine)));
  const [dirty, setDirty] = useState(!!restored);
  // The approver's remarks too outlive an ended session.
  const [remarks, setRemarks, remarksKept] = useKept(`lesson-plan.${plan.id}.remarks`, '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(
    restored || remarksKept ? { kind: 'warn', text: KEPT_NOTE } : null,
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const shown = useRef(plan);
  useEffect(() => {
    if (shown.current === plan) return;
    shown.current = plan;
    setLines(plan.lines.map(toLine));
    setDirty(false);
  }, [plan]);
  const unsaved = useRef<KeptLines | undefined>(undefined);
  unsaved.current = dirty ? { version: plan.version, lines } : undefined;
  useEffect(() => {
    dropKept(keepKey);
    return keepOnSessionEnd(keepKey, () => unsaved.current);
  }, [keepKey]);
  // Leaving with unsaved lessons asks first (the app's leave guard); they are saved only by «Сохранить».
  useEffect(
    () => registerUnsaved({ unsaved: () => (unsaved.current ? 1 : 0), paths: () => [], resume() {}, dispose() {}, manual: true }),
    [],
  );

  const editable = plan.abilities.edit;
  const curriculum = useMemo(() => plan.item.terms.reduce((s, t) => addHours(s, t.hours), zeroHours()), [plan.item.terms]);
  const check = useMemo(() => checkPlanHours(planHours(lines), curriculum), [lines, curriculum]);
  const differences = describeHoursDifference(check.rows);
  const refresh = (p: PlanDetail, text?: string, kind: 'ok' | 'warn' = 'ok') => {
    qc.setQueryData(keyOf('GET /lesson-plans/:id', { params: { id: p.id } }), p);
    void invalidatePlans(qc);
    if (text) setMessage({ kind, text });
  };

  const save = useMutation({
    mutationFn: () =>
      call('PUT /lesson-plans/:id/lines', { params: { id: plan.id }, body: { version: plan.version, lines: lines.map(toBody) } }),
    onSuccess: (p) =>
      refresh(
        p,
        `КТП сохранён: ${countRu(p.lines.length, NOUNS.lesson)}, ${numberRu(p.lines.reduce((s, l) => s + l.hours, 0))} ч.${p.check.matches ? ' Часы совпадают с учебным планом.' : ''}`,
      ),
  });
  // The lesson plan's import has no dry run: the chosen file replaces the lessons at once.
  const upload = useImport((body) => call('POST /lesson-plans/:id/import', { params: { id: plan.id }, body }), {
    onApplied: (r) => {
      refresh(
        r.plan,
        `Загружено занятий из файла: ${r.imported}.${r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}`,
        r.warnings.length ? 'warn' : 'ok',
      );
      if (fileRef.current) fileRef.current.value = '';
    },
  });
  const action = useMutation({
    mutationFn: (a: PlanAction) =>
      a.path === 'return'
        ? call('POST /lesson-plans/:id/return', { params: { id: plan.id }, body: { remarks: a.remarks } })
        : call(ACTION_KEYS[a.path], { params: { id: plan.id } }),
    onSuccess: (p, v) => {
      if (v.path === 'return') setRemarks('');
      refresh(
        p,
        {
          submit: 'КТП отправлен на согласование председателю ПЦК.',
          approve: 'КТП утверждён. Преподаватели групп видят его в журнале.',
          return: 'КТП возвращён преподавателю на доработку с вашими замечаниями.',
          revise: 'КТП снова черновик: внесите изменения и отправьте на согласование.',
        }[v.path],
      );
    },
  });
  const copy = useMutation({
    mutationFn: (t: PlanDetail['copyTargets'][number]) =>
      call('POST /lesson-plans', { body: { curriculumItemId: plan.item.id, groupId: t.groupId, subgroupId: t.subgroupId } }),
    onSuccess: (p) => {
      void invalidatePlans(qc);
      setMessage({ kind: 'ok', text: `Создана копия КТП для группы ${p.groupName}${p.subgroupName ? `, ${p.subgroupName}` : ''}.` });
      void navigate(`/plans/${p.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => call('DELETE /lesson-plans/:id', { params: { id: plan.id } }),
    onSuccess: () => {
      void invalidatePlans(qc);
      void navigate('/plans');
    },
  });

  const update = (key: number, patch: Partial<Line>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setDirty(true);
  };
  const moveLine = (index: number, by: number) => {
    setLines((ls) => {
      const next = [...ls];
      const [x] = next.splice(index, 1);
      next.splice(Math.max(0, Math.min(next.length, index + by)), 0, x);
      return next;
    });
    setDirty(true);
  };
  const addLine = () => {
    const last = lines.at(-1);
    setLines((ls) => [
      ...ls,
      { key: nextKey++, section: last?.section ?? '', topic: '', hours: 2, lessonType: 'theory', selfStudyTask: '', selfStudyHours: 0 },
    ]);
    setDirty(true);
  };
  const busy = save.isPending || upload.pending || action.isPending;
  const title = `${plan.item.code} ${plan.item.name}`;
  const whose = plan.groupName
    ? `группа ${plan.groupName}${plan.subgroupName ? `, ${plan.subgroupName}` : ''}`
    : 'общий КТП для всех групп';

  return (
    <>
      <p className="small no-print">
        <Link to="/plans">← Все КТП</Link>
      </p>
      <h1>КТП: {title}</h1>
      <p>
        <PlanStatus status={plan.status} /> · {whose} ·{' '}
        <span className="muted">
          {plan.item.curriculumName}
          {plan.item.commissionName ? ` · ${plan.item.commissionName}` : ''}
        </span>
      </p>
      <p className="small muted">
        {plan.authorName && <>Составил(а): {plan.authorName}. </>}
        {plan.submittedAt && <>Отправлен: {dateTimeRu(plan.submittedAt, me.organization.timeZone)}. </>}
        {plan.decidedAt && plan.decidedByName && (
          <>
            {plan.status === 'approved' ? 'Утвердил(а)' : 'Решение'}: {plan.decidedByName},{' '}
            {dateTimeRu(plan.decidedAt, me.organization.timeZone)}.
          </>
        )}
      </p>
      {plan.status === 'returned' && plan.remarks && (
        <Notice kind="warn">
          <strong>Замечания при возврате:</strong> {plan.remarks}
        </Notice>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <ErrorNotice error={save.error ?? upload.error ?? action.error ?? remove.error} />

      <section className="panel" aria-labelledby="hours-check">
        <h2 id="hours-check" style={{ marginTop: 0 }}>
          Сверка часов с учебным планом (п. 3.13)
        </h2>
        {check.matches ? (
          <Notice kind="ok">Часы КТП совпадают с учебным планом по всем видам занятий.</Notice>
        ) : (
          <Notice kind="warn">
            <strong>Часы КТП не совпадают с учебным планом.</strong>
            <ul className="missing">
              {differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            Исправьте часы или виды занятий: отправить на согласование и утвердить можно только совпадающий КТП.
          </Notice>
        )}
        <div className="table-wrap">
          <table className="list hours-check">
            <thead>
              <tr>
                <th>Вид часов</th>
                <th>По учебному плану</th>
                <th>В КТП{dirty ? ' (не сохранено)' : ''}</th>
                <th>Разница</th>
              </tr>
            </thead>
            <tbody>
              {check.rows
                .filter((r) => r.curriculum || r.plan)
                .map((r) => (
                  <tr key={r.kind} className={r.difference ? 'diff' : ''}>
                    <td>{HOUR_KIND_TITLES[r.kind]}</td>
                    <td>{r.curriculum} ч</td>
                    <td>{r.plan} ч</td>
                    <td>{r.difference === 0 ? '—' : r.difference > 0 ? `+${r.difference} ч` : `−${-r.difference} ч`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <p className="small muted">
          Семестры по учебному плану:{' '}
          {plan.item.terms.map((t) => `${t.termNo}-й${t.form ? ` (${ATTESTATION_FORM_TITLES[t.form].toLowerCase()})` : ''}`).join(', ') ||
            'часы не заданы'}
          . Контрольные работы, экскурсии и комбинированные занятия входят в теоретические часы, семинары — в практические.
        </p>
      </section>

      <div className="actions no-print">
        {editable && (
          <button type="button" disabled={busy || !dirty} onClick={() => save.mutate()}>
            Сохранить
          </button>
        )}
        {plan.abilities.submit && (
          <button
            type="button"
            disabled={busy || dirty || !check.matches}
            title={dirty ? 'Сначала сохраните изменения' : undefined}
            onClick={() => action.mutate({ path: 'submit' })}
          >
            Отправить на согласование
          </button>
        )}
        {plan.abilities.approve && (
          <button type="button" disabled={busy || !check.matches} onClick={() => action.mutate({ path: 'approve' })}>
            Утвердить
          </button>
        )}
        {plan.abilities.revise && (
          <button type="button" className="secondary" disabled={busy} onClick={() => action.mutate({ path: 'revise' })}>
            Внести изменения
          </button>
        )}
        <Download href={hrefOf('GET /lesson-plans/:id/export.xlsx', { params: { id: plan.id } })}>Скачать XLSX</Download>
        {plan.abilities.remove && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Удалить этот черновик КТП?')) remove.mutate();
            }}
          >
            Удалить черновик
          </button>
        )}
      </div>
      {dirty && editable && <p className="small muted">Есть несохранённые изменения.</p>}

      {editable && (
        <div className="panel no-print">
          <label htmlFor="plan-file">Загрузить КТП из файла XLSX ({limitText(UPLOAD_LIMITS.lessonPlan)})</label>
          <input
            id="plan-file"
            ref={fileRef}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) {
                upload.pick(f);
                upload.apply();
              }
            }}
          />
          <div className="small muted">
            Таблица с колонками «№», «Наименование разделов и тем», «Кол-во часов», «Вид занятия», «Самостоятельная работа» и её часы;
            строка без часов — название раздела. Загрузка заменяет все занятия этого КТП.
          </div>
        </div>
      )}

      {plan.abilities.approve && (
        <div className="panel no-print">
          <label htmlFor="plan-remarks">Замечания преподавателю</label>
          <textarea
            id="plan-remarks"
            rows={3}
            value={remarks}
            onChange={(e) => setRemarks(e.target.value)}
            placeholder="Что исправить в КТП"
          />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={busy || remarks.trim().length < 3}
              onClick={() => action.mutate({ path: 'return', remarks })}
            >
              Вернуть на доработку
            </button>
          </div>
        </div>
      )}

      <h2>
        Занятия ({lines.length}, {lines.reduce((s, l) => s + l.hours, 0)} ч)
      </h2>
      {!lines.length && (
        <Notice kind="info">
          В КТП ещё нет занятий. {editable ? 'Добавьте их по одному или загрузите КТП из файла XLSX (шаблон — на странице КТП).' : ''}
        </Notice>
      )}
      <div className="table-wrap">
        <table className="list plan-lines">
          <thead>
            <tr>
              <th>№</th>
              <th>Раздел, тема</th>
              <th>Тема занятия</th>
              <th>Часы</th>
              <th>Вид занятия</th>
              <th>Самостоятельная работа</th>
              <th>Часы СР</th>
              {editable && (
                <th>
                  <span className="sr-only">Порядок</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) =>
              editable ? (
                <tr key={l.key}>
                  <td>{i + 1}</td>
                  <td>
                    <input
                      type="text"
                      aria-label={`Раздел занятия ${i + 1}`}
                      value={l.section}
                      onChange={(e) => update(l.key, { section: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`Тема занятия ${i + 1}`}
                      value={l.topic}
                      onChange={(e) => update(l.key, { topic: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={100}
                      className="num"
                      aria-label={`Часы занятия ${i + 1}`}
                      value={l.hours}
                      onChange={(e) => update(l.key, { hours: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Вид занятия ${i + 1}`}
                      value={l.lessonType}
                      onChange={(e) => update(l.key, { lessonType: e.target.value as LessonType })}
                    >
                      {LESSON_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {LESSON_TYPE_TITLES[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`Самостоятельная работа к занятию ${i + 1}`}
                      value={l.selfStudyTask}
                      onChange={(e) => update(l.key, { selfStudyTask: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={100}
                      className="num"
                      aria-label={`Часы самостоятельной работы к занятию ${i + 1}`}
                      value={l.selfStudyHours}
                      onChange={(e) => update(l.key, { selfStudyHours: Number(e.target.value) })}
                    />
                  </td>
                  <td className="row-tools">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Выше: занятие ${i + 1}`}
                      disabled={i === 0}
                      onClick={() => moveLine(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Ниже: занятие ${i + 1}`}
                      disabled={i === lines.length - 1}
                      onClick={() => moveLine(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Удалить занятие ${i + 1}`}
                      onClick={() => {
                        setLines((ls) => ls.filter((x) => x.key !== l.key));
                        setDirty(true);
                      }}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ) : (
                <tr key={l.key}>
                  <td>{i + 1}</td>
                  <td className="small">{l.section}</td>
                  <td>{l.topic}</td>
                  <td>{l.hours}</td>
                  <td>{LESSON_TYPE_TITLES[l.lessonType]}</td>
                  <td>{l.selfStudyTask}</td>
                  <td>{l.selfStudyHours || ''}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {editable && (
        <div className="actions no-print">
          <button type="button" className="secondary" onClick={addLine}>
            Добавить занятие
          </button>
          <button type="button" disabled={busy || !dirty} onClick={() => save.mutate()}>
            Сохранить
          </button>
        </div>
      )}

      {plan.copyTargets.length > 0 && (
        <section className="panel no-print" aria-labelledby="plan-copy">
          <h2 id="plan-copy" style={{ marginTop: 0 }}>
            Своя копия для группы
          </h2>
          <p className="small muted">
            Копия начинается с занятий этого КТП; её можно изменить под группу, и она тоже проходит согласование. Остальные группы
            продолжают работать по общему КТП.
          </p>
          <ErrorNotice error={copy.error} />
          <div className="actions">
            {plan.copyTargets.map((t) => (
              <button
                key={`${t.groupId}-${t.subgroupId ?? ''}`}
                type="button"
                className="secondary"
                disabled={copy.isPending}
                onClick={() => copy.mutate(t)}
              >
                Копия для {t.groupName}
                {t.subgroupName ? `, ${t.subgroupName}` : ''}
              </button>
            ))}
          </div>
        </section>
      )}

      {plan.usedBy.length > 0 && (
        <>
          <h2>По этому КТП работают</h2>
          <ul className="small">
            {plan.usedBy.map((u) => (
              <li key={`${u.groupName}-${u.subgroupName}-${u.teacherName}`}>
                {u.groupName}
                {u.subgroupName ? `, ${u.subgroupName}` : ''} — {u.teacherName}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
