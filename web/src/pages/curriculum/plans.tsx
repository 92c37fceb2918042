import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PlanList } from '../../../../src/contracts/curriculum.js';
import { LESSON_PLAN_STATUS_TITLES, LESSON_PLAN_STATUSES, type LessonPlanStatus } from '../../../../src/domain/curriculum.js';
import { ApiError, call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { Download, invalidatePlans, PlanStatus } from './common.js';
import { usePageTitle } from '../../page-title.js';

const SUBMITTED = { status: 'submitted' } as const;

/** КТП: the teacher's subjects with their plans, the approval queue, and all plans in scope. */
export function PlansPage() {
  usePageTitle('КТП', 'plans');
  const me = useMe();
  const teaches = !!me.abilities['plans:write']?.includes('assignment');
  const approves = !!me.abilities['plans:approve']?.length;
  return (
    <>
      <h1>Календарно-тематические планы (КТП)</h1>
      <p className="muted small">
        Один общий КТП на дисциплину используется всеми группами (п. 2.4); преподаватель может сделать копию для своей группы и изменить её.
        Часы КТП по видам занятий должны совпадать с учебным планом (п. 3.13) — только такой КТП отправляют на согласование и утверждают.
      </p>
      <div className="actions no-print">
        <Download href={hrefOf('GET /lesson-plans/template.xlsx')}>Скачать шаблон КТП (XLSX)</Download>
      </div>
      {teaches && <MySubjects />}
      {approves && <Queue />}
      {!teaches && <AllPlans />}
    </>
  );
}

function MySubjects() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: keyOf('GET /lesson-plans/mine'), queryFn: () => call('GET /lesson-plans/mine') });
  const create = useMutation({
    mutationFn: (b: { curriculumItemId: number }) => call('POST /lesson-plans', { body: b }),
    onSuccess: (p) => {
      void invalidatePlans(qc);
      void navigate(`/plans/${p.id}`);
    },
    onError: (e) => {
      const id = e instanceof ApiError ? (e.details as { planId?: number } | undefined)?.planId : undefined;
      if (id) void navigate(`/plans/${id}`);
    },
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const rows = q.data!.rows;
  return (
    <section aria-labelledby="my-plans">
      <h2 id="my-plans">Мои дисциплины в этом учебном году</h2>
      <ErrorNotice error={create.error} />
      {!rows.length ? (
        <Empty>
          У вас нет нагрузки в этом учебном году. Когда учебная часть распределит нагрузку, здесь появятся ваши дисциплины и их КТП.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Группа</th>
                <th>Дисциплина</th>
                <th>Семестры</th>
                <th>КТП</th>
                <th>
                  <span className="sr-only">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.itemId}-${r.groupId}-${r.subgroupId ?? ''}`}>
                  <td>
                    {r.groupName}
                    {r.subgroupName && <div className="small muted">{r.subgroupName}</div>}
                  </td>
                  <td>
                    {r.code} {r.subjectName}
                  </td>
                  <td className="small">{r.terms.join(', ')}</td>
                  <td>
                    {r.plan ? (
                      <>
                        <PlanStatus status={r.plan.status} />{' '}
                        <span className="small muted">{r.plan.isCopy ? 'копия группы' : 'общий'}</span>
                        {!r.plan.matches && (
                          <div>
                            <span className="badge danger">часы не совпадают с учебным планом</span>
                          </div>
                        )}
                      </>
                    ) : (
                      <span className="badge danger">нет КТП</span>
                    )}
                  </td>
                  <td>
                    {r.plan ? (
                      <Link to={`/plans/${r.plan.id}`}>Открыть КТП</Link>
                    ) : (
                      <button type="button" disabled={create.isPending} onClick={() => create.mutate({ curriculumItemId: r.itemId })}>
                        Составить КТП: {r.code}, {r.groupName}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PlanTable({ items, caption }: { items: PlanList['items']; caption: string }) {
  const me = useMe();
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={items}
      rowKey={(p) => p.id}
      columns={[
        {
          key: 'subject',
          title: 'Дисциплина',
          cell: (p) => (
            <>
              <Link to={`/plans/${p.id}`}>
                {p.code} {p.subjectName}
              </Link>
              <div className="small muted">{p.curriculumName}</div>
            </>
          ),
        },
        {
          key: 'group',
          title: 'Группа',
          cell: (p) => (p.groupName ? `${p.groupName}${p.subgroupName ? `, ${p.subgroupName}` : ''}` : 'общий для всех групп'),
        },
        { key: 'author', title: 'Автор', cell: (p) => p.authorName ?? '—' },
        {
          key: 'hours',
          title: 'Часы',
          cell: (p) => (
            <>
              {p.hours} ч {p.matches ? <span className="badge ok">совпадают</span> : <span className="badge danger">не совпадают</span>}
            </>
          ),
        },
        { key: 'status', title: 'Состояние', cell: (p) => <PlanStatus status={p.status} /> },
        {
          key: 'sent',
          title: 'Отправлен',
          className: 'small',
          cell: (p) => (p.submittedAt ? dateTimeRu(p.submittedAt, me.organization.timeZone) : '—'),
        },
      ]}
    />
  );
}

function Queue() {
  const q = useQuery({
    queryKey: keyOf('GET /lesson-plans', { query: SUBMITTED }),
    queryFn: () => call('GET /lesson-plans', { query: SUBMITTED }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return (
    <section aria-labelledby="plans-queue">
      <h2 id="plans-queue">На согласовании</h2>
      {q.data!.items.length ? (
        <PlanTable items={q.data!.items} caption="На согласовании" />
      ) : (
        <Empty>Нет КТП, ожидающих вашего решения. Когда преподаватель отправит КТП на согласование, он появится здесь.</Empty>
      )}
    </section>
  );
}

function AllPlans() {
  const [status, setStatus] = useState<LessonPlanStatus | ''>('');
  const query = { status: status || undefined };
  const q = useQuery({ queryKey: keyOf('GET /lesson-plans', { query }), queryFn: () => call('GET /lesson-plans', { query }) });
  return (
    <section aria-labelledby="plans-all">
      <h2 id="plans-all">Все КТП</h2>
      <div style={{ maxWidth: 300 }}>
        <label htmlFor="plans-status">Состояние</label>
        <select id="plans-status" value={status} onChange={(e) => setStatus(e.target.value as LessonPlanStatus | '')}>
          <option value="">Любое</option>
          {LESSON_PLAN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LESSON_PLAN_STATUS_TITLES[s]}
            </option>
          ))}
        </select>
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorNotice error={q.error} />
      ) : q.data!.items.length ? (
        <div style={{ marginTop: '0.75rem' }}>
          <PlanTable items={q.data!.items} caption="Все КТП" />
        </div>
      ) : (
        <Empty>КТП с таким состоянием нет.</Empty>
      )}
    </section>
  );
}

/** Home: how many КТП wait for the approver; which of the teacher's subjects lack an approved plan. */
export function PlansHomePanel() {
  const me = useMe();
  const approves = !!me.abilities['plans:approve']?.length;
  const queue = useQuery({
    queryKey: keyOf('GET /lesson-plans', { query: SUBMITTED }),
    queryFn: () => call('GET /lesson-plans', { query: SUBMITTED }),
    enabled: approves,
  });
  const teaches = !!me.abilities['plans:write']?.includes('assignment');
  const mine = useQuery({ queryKey: keyOf('GET /lesson-plans/mine'), queryFn: () => call('GET /lesson-plans/mine'), enabled: teaches });
  const waiting = queue.data?.items.length ?? 0;
  const missing = mine.data?.rows.filter((r) => r.plan?.status !== 'approved').length ?? 0;
  if (!waiting && !missing) return null;
  return (
    <section className="panel" aria-label="КТП">
      <strong>КТП</strong>
      {waiting > 0 && <p className="small">Ожидают вашего согласования: {waiting}.</p>}
      {missing > 0 && <p className="small">Ваших дисциплин (по группам) без утверждённого КТП: {missing}.</p>}
      <Link to="/plans">Открыть КТП →</Link>
    </section>
  );
}
