import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { ApiError, call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { reaches, scopedTo } from '../../scope.js';
import { countRu, dateRu, NOUNS } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { Modal } from '../../ui/modal.js';

/** The curator excuses «н» for a range of dates with a справка; the teacher's marks stay. */
export function ExcusesPage() {
  usePageTitle('Пропуски и справки', 'curator-excuses');
  const me = useMe();
  const groups = scopedTo(me, 'absence:excuse', 'group');
  const [params, setParams] = useSearchParams();
  const groupId = Number(params.get('group')) || groups[0]?.id;
  if (!groupId) return <Empty>Справки об отсутствии вносит куратор группы. Вы не куратор ни одной группы.</Empty>;
  return (
    <>
      <h1>Пропуски и справки</h1>
      {groups.length > 1 && (
        <SelectField label="Группа" value={String(groupId)} onChange={(e) => setParams({ group: e.target.value })}>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
      )}
      <GroupExcuses key={groupId} groupId={groupId} />
    </>
  );
}

type Excuse = ApiResponse<'GET /journal/excuses'>['items'][number];

export function GroupExcuses({ groupId, embedded = false }: { groupId: number; embedded?: boolean }) {
  const H = embedded ? 'h3' : 'h2';
  const qc = useQueryClient();
  const me = useMe();
  const list = { query: { groupId } };
  const q = useQuery({ queryKey: keyOf('GET /journal/excuses', list), queryFn: () => call('GET /journal/excuses', list) });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: me.organization.timeZone }).format(new Date());
  const [form, setForm] = useState({ studentId: '', fromDate: today, toDate: today, reason: 'Болезнь', document: '' });
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: keyOf('GET /journal/excuses', list) });
  const create = useMutation({
    mutationFn: () =>
      call('POST /journal/excuses', {
        body: {
          studentId: Number(form.studentId),
          fromDate: form.fromDate,
          toDate: form.toDate,
          reason: form.reason,
          document: form.document || null,
        },
      }),
    onSuccess: (e) => {
      setDone(
        `${e.studentName}: пропуски «н» с ${dateRu(e.fromDate)} по ${dateRu(e.toDate)} признаны уважительными (${countRu(e.excusedAbsences, NOUNS.lesson)}). Отметки преподавателей сохранены.`,
      );
      setForm((f) => ({ ...f, studentId: '', document: '' }));
      refresh();
    },
  });
  // A справка over days without a single «н» changes nothing: asked once before it is saved.
  const [noAbsences, setNoAbsences] = useState(false);
  const check = useMutation({
    mutationFn: () =>
      call('GET /journal/excuses/check', { query: { studentId: Number(form.studentId), fromDate: form.fromDate, toDate: form.toDate } }),
    onSuccess: (c) => {
      if (c.absences === 0 && !c.overlapping.length) setNoAbsences(true);
      else create.mutate();
    },
  });
  const [revoking, setRevoking] = useState<Excuse | null>(null);
  const revoke = useMutation({
    mutationFn: (id: number) => call('DELETE /journal/excuses/:id', { params: { id } }),
    onSuccess: () => {
      setRevoking(null);
      setDone('Справка отменена: пропуски снова считаются неуважительными.');
      refresh();
    },
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  return (
    <>
      <p className="muted">
        Группа {d.group.name}. Справка превращает «н» в уважительный пропуск за указанные дни; в журнале видны обе отметки.
      </p>
      {done && <Notice kind="ok">{done}</Notice>}
      {d.canExcuse && (
        <section className="panel" aria-label="Новая справка">
          <H style={{ marginTop: 0 }}>Внести справку</H>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              setNoAbsences(false);
              create.reset();
              check.mutate();
            }}
          >
            <div className="form-row">
              <SelectField
                label="Обучающийся"
                value={form.studentId}
                onChange={(e) => setForm({ ...form, studentId: e.target.value })}
                error={fields.studentId}
              >
                <option value="">— выберите —</option>
                {d.students.map((s) => (
                  <option key={s.studentId} value={s.studentId}>
                    {s.fullName}
                    {s.unexcusedHours ? ` (без причины ${s.unexcusedHours} ч)` : ''}
                  </option>
                ))}
              </SelectField>
              <Field
                label="С даты"
                type="date"
                value={form.fromDate}
                onChange={(e) => setForm({ ...form, fromDate: e.target.value })}
                error={fields.fromDate}
              />
              <Field
                label="По дату"
                type="date"
                value={form.toDate}
                onChange={(e) => setForm({ ...form, toDate: e.target.value })}
                error={fields.toDate}
              />
              <Field
                label="Причина"
                type="text"
                value={form.reason}
                onChange={(e) => setForm({ ...form, reason: e.target.value })}
                error={fields.reason}
              />
              <Field
                label="Документ"
                type="text"
                value={form.document}
                onChange={(e) => setForm({ ...form, document: e.target.value })}
                placeholder="Справка № 123 от 20.11.2026"
                error={fields.document}
              />
            </div>
            <ErrorNotice error={check.error ?? create.error} />
            {noAbsences ? (
              <div className="notice warn" role="alert">
                <p style={{ marginTop: 0 }}>
                  За {form.fromDate === form.toDate ? dateRu(form.fromDate) : `дни с ${dateRu(form.fromDate)} по ${dateRu(form.toDate)}`} у
                  обучающегося {d.students.find((st) => String(st.studentId) === form.studentId)?.fullName} нет пропусков «н»: справка
                  ничего не изменит в журнале. Проверьте даты.
                </p>
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => {
                      setNoAbsences(false);
                      create.mutate();
                    }}
                    disabled={create.isPending}
                  >
                    Сохранить всё равно
                  </button>
                  <button type="button" className="secondary" onClick={() => setNoAbsences(false)}>
                    Изменить даты
                  </button>
                </div>
              </div>
            ) : (
              <div className="actions">
                <button type="submit" disabled={check.isPending || create.isPending || !form.studentId}>
                  Признать пропуски уважительными
                </button>
              </div>
            )}
          </form>
        </section>
      )}
      <H>Справки</H>
      {d.items.length === 0 ? (
        <Empty>
          Справок пока нет. Когда обучающийся принесёт справку, внесите её здесь — пропуски «н» за эти дни станут уважительными.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Обучающийся</th>
                <th>Период</th>
                <th>Причина, документ</th>
                <th>Пропущено занятий</th>
                <th>Внёс</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((e) => (
                <tr key={e.id} className={e.revokedAt ? 'muted' : ''}>
                  <td>{e.studentName}</td>
                  <td>
                    {dateRu(e.fromDate)} – {dateRu(e.toDate)}
                  </td>
                  <td>
                    {e.reason}
                    {e.document ? `, ${e.document}` : ''}
                  </td>
                  <td>{e.revokedAt ? 'отменена' : e.excusedAbsences}</td>
                  <td>{e.createdBy}</td>
                  <td>
                    {e.canRevoke && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          revoke.reset();
                          setRevoking(e);
                        }}
                        aria-label={`Отменить справку: ${e.studentName}, ${dateRu(e.fromDate)} – ${dateRu(e.toDate)}`}
                      >
                        Отменить
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <Modal title="Отменить справку?" onClose={() => setRevoking(null)}>
          <p>
            {revoking.studentName}, справка с {dateRu(revoking.fromDate)} по {dateRu(revoking.toDate)}
            {revoking.document ? ` (${revoking.document})` : ''}.
            {revoking.excusedAbsences > 0
              ? ` Пропуски «н» за эти дни (${countRu(revoking.excusedAbsences, NOUNS.lesson)}) снова станут неуважительными.`
              : ' Пропусков «н» за эти дни нет.'}
          </p>
          <ErrorNotice error={revoke.error} />
          <div className="actions">
            <button type="button" className="danger" onClick={() => revoke.mutate(revoking.id)} disabled={revoke.isPending}>
              Отменить справку
            </button>
            <button type="button" className="secondary" onClick={() => setRevoking(null)}>
              Не отменять
            </button>
          </div>
        </Modal>
      )}
      <H>Пропуски без уважительной причины</H>
      <ul>
        {d.students
          .filter((s) => s.unexcusedHours > 0)
          .map((s) => (
            <li key={s.studentId}>
              {s.fullName}: {s.unexcusedHours} ч
            </li>
          ))}
      </ul>
      {d.students.every((s) => s.unexcusedHours === 0) && <p className="muted">Неуважительных пропусков в этом учебном году нет.</p>}
    </>
  );
}

/** The section of the group page (the curator's home): absences and справки of the group. */
export function GroupAbsencesSection({ groupId }: { groupId: number }) {
  const me = useMe();
  const curator = scopedTo(me, 'absence:excuse', 'group').some((g) => g.id === groupId);
  const control = reaches(me, 'journal:read', 'org', 'direction');
  if (!curator && !control) return <p className="muted">Пропуски группы и справки ведёт куратор группы.</p>;
  return <GroupExcuses groupId={groupId} embedded />;
}
