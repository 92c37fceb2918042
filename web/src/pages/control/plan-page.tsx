import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  PLAN_KIND_LABELS,
  PLAN_KINDS,
  PLAN_REPEAT_LABELS,
  PLAN_REPEATS,
  PLAN_SCOPE_LABELS,
  PLAN_SCOPES,
  type ControlPlan,
  type OccurrenceState,
  type PlanKind,
  type PlanLine,
  type PlanOccurrence,
  type PlanRepeat,
  type PlanScope,
} from '../../../../src/contracts/control-plan.js';
import { call, hrefOf, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu, dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { Modal } from '../../ui/modal.js';

// The plan of intra-college control (п. 2.12): the deputy director keeps the year's lines; every
// line shows its occurrences — done (with what, who, when), due, overdue — and the checker marks
// the ones no kept report fulfils by itself.

const STATE: Record<OccurrenceState, { text: string; cls: string }> = {
  done: { text: 'выполнено', cls: 'badge ok' },
  overdue: { text: 'просрочено', cls: 'badge danger' },
  due: { text: 'к выполнению', cls: 'badge warn' },
  planned: { text: 'запланировано', cls: 'badge' },
};
const period = (o: PlanOccurrence) => (o.from === o.to ? dateRu(o.from) : `${dateRu(o.from)} — ${dateRu(o.to)}`);
const invalidate = (qc: ReturnType<typeof useQueryClient>) => {
  void qc.invalidateQueries({ queryKey: keysOf('GET /control/plan') });
  void qc.invalidateQueries({ queryKey: keysOf('GET /control/plan/overdue') });
};

function DoneLink({ o }: { o: PlanOccurrence }) {
  const d = o.done;
  if (!d) return null;
  const what =
    d.link?.kind === 'weekly' ? (
      <Link to={`/control/weekly/${d.link.id}`}>{d.what}</Link>
    ) : d.link?.kind === 'term-check' ? (
      <Link to={`/control/term-checks/${d.link.id}`}>{d.what}</Link>
    ) : (
      d.what
    );
  return (
    <>
      {what}
      {d.comment ? `. ${d.comment}` : ''}
    </>
  );
}

type LineValues = {
  kind: PlanKind;
  subject: string;
  scope: PlanScope;
  targetIds: number[];
  repeat: PlanRepeat;
  startDate: string;
  endDate: string;
  personId: string;
  note: string;
};
const emptyLine = (personId: number | undefined): LineValues => ({
  kind: 'weekly',
  subject: '',
  scope: 'college',
  targetIds: [],
  repeat: 'weekly',
  startDate: '',
  endDate: '',
  personId: personId ? String(personId) : '',
  note: '',
});
const valuesOf = (l: PlanLine): LineValues => ({
  kind: l.kind,
  subject: l.subject,
  scope: l.scope,
  targetIds: l.targets.map((t) => t.id),
  repeat: l.repeat,
  startDate: l.startDate ?? '',
  endDate: l.endDate ?? '',
  personId: String(l.person.id),
  note: l.note,
});

/** Adds or edits a line. */
function LineForm({ plan, line, onClose }: { plan: ControlPlan; line?: PlanLine; onClose(): void }) {
  const qc = useQueryClient();
  const me = useMe();
  const m = useMutation({
    mutationFn: (v: LineValues) => {
      const body = {
        kind: v.kind,
        subject: v.subject,
        scope: v.scope,
        targetIds: v.scope === 'college' ? [] : v.targetIds,
        repeat: v.repeat,
        startDate: v.startDate || null,
        endDate: v.endDate || null,
        personId: Number(v.personId),
        note: v.note,
      };
      return line
        ? call('PUT /control/plan/lines/:id', { params: { id: line.id }, body })
        : call('POST /control/plan/lines', { body: { ...body, yearId: plan.year!.id } });
    },
    onSuccess: () => {
      invalidate(qc);
      onClose();
    },
  });
  const self = plan.people.find((p) => p.id === me.person.id)?.id;
  const form = useForm<LineValues>(line ? valuesOf(line) : emptyLine(self), { error: m.error, onSubmit: (v) => m.mutate(v) });
  const v = form.values;
  const options = v.scope === 'groups' ? plan.groups : v.scope === 'assignments' ? plan.assignments : plan.commissions;
  const toggle = (id: number, on: boolean) =>
    form.set('targetIds', v.scope === 'commission' ? [id] : on ? [...v.targetIds, id] : v.targetIds.filter((x) => x !== id));
  return (
    <Modal title={line ? 'Строка плана' : 'Новая строка плана'} onClose={onClose}>
      <form aria-label={line ? 'Изменить строку плана' : 'Добавить строку плана'} {...form.form}>
        <SelectField label="Что проверяется" {...form.field('kind')}>
          {PLAN_KINDS.map((k) => (
            <option key={k} value={k}>
              {PLAN_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field
          label={v.kind === 'other' ? 'Что проверяется (своими словами)' : 'Уточнение (необязательно)'}
          maxLength={500}
          {...form.field('subject')}
        />
        <SelectField
          label="Где проверяется"
          {...form.field('scope')}
          onChange={(e) => form.setValues({ ...v, scope: e.target.value as PlanScope, targetIds: [] })}
        >
          {PLAN_SCOPES.map((k) => (
            <option key={k} value={k}>
              {PLAN_SCOPE_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {v.scope !== 'college' && (
          <fieldset className="plan-targets" aria-invalid={form.errors.targetIds ? true : undefined}>
            <legend>{PLAN_SCOPE_LABELS[v.scope]}</legend>
            {options.length === 0 && <p className="muted small">Выбирать не из чего.</p>}
            {options.map((o) => (
              <label key={o.id} style={{ display: 'block', fontWeight: 'normal' }}>
                <input
                  type={v.scope === 'commission' ? 'radio' : 'checkbox'}
                  name="targetIds"
                  checked={v.targetIds.includes(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                />{' '}
                {o.name}
              </label>
            ))}
            {form.errors.targetIds && <div className="field-error">{form.errors.targetIds}</div>}
          </fieldset>
        )}
        <SelectField label="Когда" {...form.field('repeat')}>
          {PLAN_REPEATS.map((k) => (
            <option key={k} value={k}>
              {PLAN_REPEAT_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <div className="row">
          <Field
            label={v.repeat === 'once' ? 'Дата или начало периода' : 'С даты (необязательно)'}
            type="date"
            min={plan.year?.startDate}
            max={plan.year?.endDate}
            {...form.field('startDate')}
          />
          <Field
            label={v.repeat === 'once' ? 'Конец периода (необязательно)' : 'По дату (необязательно)'}
            type="date"
            min={plan.year?.startDate}
            max={plan.year?.endDate}
            {...form.field('endDate')}
          />
        </div>
        <SelectField label="Кто проверяет" required {...form.field('personId')}>
          <option value="">— выберите —</option>
          {plan.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field label="Комментарий" maxLength={1000} {...form.field('note')} />
        {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
        <div className="actions">
          <button type="submit" disabled={m.isPending}>
            Сохранить
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The checker marks an occurrence done: a kept report or a remark, and a comment. */
function MarkDone({ line, o, onClose }: { line: PlanLine; o: PlanOccurrence; onClose(): void }) {
  const qc = useQueryClient();
  const me = useMe();
  const reports = useQuery({
    queryKey: keyOf('GET /control/reports', { query: {} }),
    queryFn: () => call('GET /control/reports', { query: {} }),
    enabled: !!me.abilities['control:reports:read'],
  });
  const remarks = useQuery({
    queryKey: keyOf('GET /control/remarks', { query: { status: 'all' } }),
    queryFn: () => call('GET /control/remarks', { query: { status: 'all' } }),
    enabled: !!me.abilities['remark:read'],
  });
  const m = useMutation({
    mutationFn: (v: { reportId: string; remarkId: string; comment: string }) =>
      call('POST /control/plan/lines/:id/done', {
        params: { id: line.id },
        body: {
          from: o.from,
          reportId: v.reportId ? Number(v.reportId) : null,
          remarkId: v.remarkId ? Number(v.remarkId) : null,
          comment: v.comment,
        },
      }),
    onSuccess: () => {
      invalidate(qc);
      onClose();
    },
  });
  const form = useForm({ reportId: '', remarkId: '', comment: '' }, { error: m.error, onSubmit: (v) => m.mutate(v) });
  return (
    <Modal title="Отметить проверку выполненной" onClose={onClose}>
      <p>
        {line.what}, {period(o)}
      </p>
      <form aria-label="Отметить выполненным" {...form.form}>
        <SelectField label="Отчёт" {...form.field('reportId')}>
          <option value="">— без отчёта —</option>
          {(reports.data?.items ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </SelectField>
        <SelectField label="Замечание" {...form.field('remarkId')}>
          <option value="">— без замечания —</option>
          {(remarks.data?.items ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.teacher.name}: {r.text.slice(0, 60)}
            </option>
          ))}
        </SelectField>
        <Field label="Комментарий" maxLength={1000} {...form.field('comment')} />
        {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
        <div className="actions">
          <button type="submit" disabled={m.isPending}>
            Отметить выполненным
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Отмена
          </button>
        </div>
      </form>
    </Modal>
  );
}

function LineSection({ plan, line, onEdit }: { plan: ControlPlan; line: PlanLine; onEdit(): void }) {
  const me = useMe();
  const qc = useQueryClient();
  const [all, setAll] = useState(false);
  const [marking, setMarking] = useState<PlanOccurrence | null>(null);
  const remove = useMutation({
    mutationFn: () => call('DELETE /control/plan/lines/:id', { params: { id: line.id } }),
    onSuccess: () => invalidate(qc),
  });
  const undo = useMutation({
    mutationFn: (markId: number) => call('DELETE /control/plan/marks/:id', { params: { id: markId } }),
    onSuccess: () => invalidate(qc),
  });
  // By default: what is overdue or due, the last three done and the next planned; the rest on request.
  const firstPlanned = line.occurrences.find((o) => o.state === 'planned');
  const lastDone = line.occurrences.filter((o) => o.state === 'done').slice(-3);
  const shown = all
    ? line.occurrences
    : line.occurrences.filter((o) => o.state === 'overdue' || o.state === 'due' || o === firstPlanned || lastDone.includes(o));
  const c = line.counts;
  return (
    <section className="panel" aria-label={line.what}>
      <h2 style={{ marginTop: 0 }}>{line.what}</h2>
      <p>
        Где: {line.where}. Когда: {line.when}. Проверяет: {line.person.name}.{line.note ? ` ${line.note}` : ''}
      </p>
      <p className="small">
        Выполнено — {c.done}, просрочено — {c.overdue}, к выполнению — {c.due}, запланировано — {c.planned}.
      </p>
      {plan.canWrite && (
        <div className="actions">
          <button type="button" className="secondary" onClick={onEdit}>
            Изменить
          </button>
          <button
            type="button"
            className="secondary"
            disabled={remove.isPending}
            onClick={() => window.confirm('Удалить строку плана вместе с отметками о выполнении?') && remove.mutate()}
          >
            Удалить
          </button>
        </div>
      )}
      <ErrorNotice error={remove.error ?? undo.error} />
      {line.occurrences.length === 0 ? (
        <Empty>В учебном году нет сроков этой строки.</Empty>
      ) : (
        <DataTable
          caption={`Сроки: ${line.what}`}
          captionHidden
          rows={shown}
          rowKey={(o) => o.from}
          columns={[
            { key: 'period', title: 'Период', cell: (o) => period(o) },
            { key: 'due', title: 'Срок', cell: (o) => dateRu(o.due) },
            { key: 'state', title: 'Состояние', cell: (o) => <span className={STATE[o.state].cls}>{STATE[o.state].text}</span> },
            {
              key: 'done',
              title: 'Чем выполнено',
              cell: (o) =>
                o.done ? (
                  <>
                    <DoneLink o={o} /> — {o.done.by}, {dateTimeRu(o.done.at, me.organization.timeZone)}
                    {o.done.canUndo && o.done.markId !== null && (
                      <>
                        {' '}
                        <button type="button" className="secondary small" onClick={() => undo.mutate(o.done!.markId!)}>
                          Снять отметку
                        </button>
                      </>
                    )}
                  </>
                ) : line.canMark && (o.state === 'due' || o.state === 'overdue') ? (
                  <button type="button" className="secondary small" onClick={() => setMarking(o)}>
                    Отметить выполненным
                  </button>
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
      {line.occurrences.length > shown.length || all ? (
        <p className="small">
          <button type="button" className="link" onClick={() => setAll(!all)}>
            {all ? 'Показать только ближайшие сроки' : `Показать все сроки (${line.occurrences.length})`}
          </button>
        </p>
      ) : null}
      {marking && <MarkDone line={line} o={marking} onClose={() => setMarking(null)} />}
    </section>
  );
}

function CopyPlan({ plan }: { plan: ControlPlan }) {
  const qc = useQueryClient();
  const others = plan.years.filter((y) => y.id !== plan.year?.id);
  const m = useMutation({
    mutationFn: (v: { fromYearId: string }) =>
      call('POST /control/plan/copy', { body: { yearId: plan.year!.id, fromYearId: Number(v.fromYearId) } }),
    onSuccess: () => invalidate(qc),
  });
  const form = useForm({ fromYearId: others[0] ? String(others[0].id) : '' }, { error: m.error, onSubmit: (v) => m.mutate(v) });
  if (!others.length) return null;
  return (
    <form className="panel" aria-label="Скопировать план прошлого года" {...form.form}>
      <SelectField label="Начать с копии плана года" {...form.field('fromYearId')}>
        {others.map((y) => (
          <option key={y.id} value={y.id}>
            {y.name}
          </option>
        ))}
      </SelectField>
      {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Скопировать
        </button>
      </div>
    </form>
  );
}

/** «План внутриколледжного контроля»: the year's lines, their occurrences and the counts per month. */
export function PlanPage() {
  usePageTitle('План внутриколледжного контроля', 'control-plan');
  const [params, setParams] = useSearchParams();
  const yearId = params.get('year') ? Number(params.get('year')) : undefined;
  const query = yearId ? { yearId } : {};
  const q = useQuery({ queryKey: keyOf('GET /control/plan', { query }), queryFn: () => call('GET /control/plan', { query }) });
  const [editing, setEditing] = useState<PlanLine | 'new' | null>(null);
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const plan = q.data;
  return (
    <>
      <h1>План внутриколледжного контроля</h1>
      <p>
        Что, где, когда и кем проверяется за учебный год (п. 2.12). Еженедельная проверка выполнена, когда подписан еженедельный контроль её
        недели; проверка по итогам семестра — когда составлена справка за семестр; остальное отмечает проверяющий.
      </p>
      {plan.years.length > 1 && (
        <div className="row">
          <SelectField
            label="Учебный год"
            value={plan.year ? String(plan.year.id) : ''}
            onChange={(e) => setParams(e.target.value ? { year: e.target.value } : {})}
          >
            {plan.years.map((y) => (
              <option key={y.id} value={y.id}>
                {y.name}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {!plan.year ? (
        <Empty>Учебный год ещё не создан.</Empty>
      ) : (
        <>
          <div className="actions">
            {plan.canWrite && (
              <button type="button" onClick={() => setEditing('new')}>
                Добавить строку
              </button>
            )}
            <a className="button secondary" href={hrefOf('GET /control/plan/report.xlsx', { query: { yearId: plan.year.id } })} download>
              Скачать XLSX
            </a>
            <a className="button secondary" href={hrefOf('GET /control/plan/report.pdf', { query: { yearId: plan.year.id } })} download>
              Скачать PDF
            </a>
          </div>
          <section className="panel" aria-label="Итого по плану">
            <h2 style={{ marginTop: 0 }}>Итого на {dateRu(plan.today)}</h2>
            <p>
              Выполнено — {plan.totals.done}, просрочено — {plan.totals.overdue}, к выполнению — {plan.totals.due}, запланировано —{' '}
              {plan.totals.planned}.
            </p>
          </section>
          {plan.lines.length === 0 && (
            <>
              <Empty>В плане этого года нет строк.</Empty>
              {plan.canWrite && <CopyPlan plan={plan} />}
            </>
          )}
          {plan.lines.map((l) => (
            <LineSection key={l.id} plan={plan} line={l} onEdit={() => setEditing(l)} />
          ))}
          {plan.lines.length > 0 && (
            <section className="panel" aria-label="По месяцам">
              <DataTable
                caption="По месяцам (по сроку выполнения)"
                rows={plan.months}
                rowKey={(m) => m.month}
                columns={[
                  { key: 'label', title: 'Месяц', cell: (m) => m.label },
                  { key: 'done', title: 'Выполнено', cell: (m) => m.done },
                  { key: 'overdue', title: 'Просрочено', cell: (m) => (m.overdue ? <span className="badge danger">{m.overdue}</span> : 0) },
                  { key: 'due', title: 'К выполнению', cell: (m) => m.due },
                  { key: 'planned', title: 'Запланировано', cell: (m) => m.planned },
                ]}
              />
            </section>
          )}
          {editing && <LineForm plan={plan} line={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
        </>
      )}
    </>
  );
}

/** The deputy director's home: checks of the plan past due. */
export function PlanHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/plan/overdue'), queryFn: () => call('GET /control/plan/overdue') });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const items = q.data.items;
  return (
    <section className="panel" aria-label="Просроченные проверки плана">
      <h2 style={{ marginTop: 0 }}>План внутриколледжного контроля</h2>
      {items.length === 0 ? (
        <Notice kind="ok">Просроченных проверок нет.</Notice>
      ) : (
        <ul>
          {items.slice(0, 8).map((x) => (
            <li key={`${x.lineId}:${x.from}`}>
              <span className="badge danger">просрочено</span> {x.what} ({x.where}),{' '}
              {x.from === x.to ? dateRu(x.from) : `${dateRu(x.from)} — ${dateRu(x.to)}`}, срок {dateRu(x.due)} — {x.person}
            </li>
          ))}
        </ul>
      )}
      {items.length > 8 && <p className="small">И ещё {items.length - 8}.</p>}
      <p className="small">
        <Link to="/control/plan">Весь план</Link>
      </p>
    </section>
  );
}
