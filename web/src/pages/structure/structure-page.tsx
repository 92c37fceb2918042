import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { ErrorNotice, errorText, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { ListEditor } from '../../ui/list-editor.js';
import { Modal } from '../../ui/modal.js';
import { usePageTitle } from '../../page-title.js';

/** Academic years and terms, departments, programs and subject commissions of the college. */
export function StructurePage() {
  usePageTitle('Структура колледжа', 'admin-structure');
  const me = useMe();
  const edit = can(me, 'structure:write');
  return (
    <>
      <h1>Структура колледжа</h1>
      <nav className="section-links" aria-label="Разделы структуры">
        <a href="#years">Учебные годы</a>
        <a href="#departments">Отделения</a>
        <a href="#programs">Специальности</a>
        <a href="#commissions">ПЦК</a>
      </nav>
      <Years edit={edit} />
      <Departments edit={edit} />
      <Programs edit={edit} />
      <Commissions edit={edit} />
    </>
  );
}

/** Reopening a closed year: the reason is required and kept in the audit log. */
function ReopenYear({ year, onDone }: { year: { id: number; name: string }; onDone(): void }) {
  const reopen = useMutation({
    mutationFn: (reason: string) => call('POST /academic-years/:id/reopen', { params: { id: year.id }, body: { reason } }),
    onSuccess: onDone,
  });
  const form = useForm({ reason: '' }, { error: reopen.error, onSubmit: (v) => reopen.mutate(v.reason) });
  return (
    <Modal title={`Открыть учебный год ${year.name} снова`} onClose={onDone}>
      <form {...form.form} aria-label="Открыть год снова">
        <p>Записи года снова можно будет изменять. Причина записывается в журнал действий; после исправлений закройте год ещё раз.</p>
        <Field label="Причина" required {...form.field('reason')} />
        {reopen.error != null && !form.errors.reason && <Notice kind="error">{errorText(reopen.error)}</Notice>}
        <div className="actions">
          <button type="submit" disabled={reopen.isPending}>
            Открыть снова
          </button>
        </div>
      </form>
    </Modal>
  );
}

function useStaff(enabled: boolean) {
  const req = { query: { pageSize: 500 } };
  return useQuery({ queryKey: keyOf('GET /staff', req), queryFn: () => call('GET /staff', req), enabled });
}

const personId = (v: string) => (v ? Number(v) : null);

function Years({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const years = useQuery({ queryKey: keyOf('GET /academic-years'), queryFn: () => call('GET /academic-years') });
  const next = years.data?.[0] ? Number(years.data[0].startDate.slice(0, 4)) + 1 : new Date().getFullYear();
  const [start, setStart] = useState<number | null>(null);
  const y = start ?? next;
  const refresh = () => void qc.invalidateQueries({ queryKey: keysOf('GET /academic-years') });
  const create = useMutation({
    mutationFn: (t: { t1s: string; t1e: string; t2s: string; t2e: string }) =>
      call('POST /academic-years', {
        body: {
          name: `${y}/${y + 1}`,
          startDate: `${y}-09-01`,
          endDate: `${y + 1}-08-31`,
          terms: [
            { number: 1, startDate: t.t1s || `${y}-09-01`, endDate: t.t1e || `${y}-12-31` },
            { number: 2, startDate: t.t2s || `${y + 1}-01-12`, endDate: t.t2e || `${y + 1}-06-30` },
          ],
        },
      }),
    onSuccess: () => {
      setStart(null);
      refresh();
    },
  });
  const me = useMe();
  const manage = can(me, 'archive:manage');
  const [closing, setClosing] = useState<{ id: number; name: string } | null>(null);
  const [reopening, setReopening] = useState<{ id: number; name: string } | null>(null);
  const close = useMutation({
    mutationFn: (id: number) => call('POST /academic-years/:id/close', { params: { id } }),
    onSuccess: () => {
      setClosing(null);
      refresh();
      void qc.invalidateQueries({ queryKey: keysOf('GET /archive/years') });
    },
  });
  const form = useForm({ t1s: '', t1e: '', t2s: '', t2e: '' }, { error: create.error, onSubmit: (v) => create.mutate(v) });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section id="years" className="panel" aria-labelledby="years-h">
      <h2 id="years-h" style={{ marginTop: 0 }}>
        Учебные годы и семестры
      </h2>
      {years.isLoading && <Loading />}
      <ErrorNotice error={years.error} />
      <DataTable
        caption="Учебные годы"
        captionHidden
        rows={years.data}
        rowKey={(yr) => yr.id}
        empty="Учебных годов нет. Создайте текущий: с 1 сентября по 31 августа, два семестра."
        columns={[
          { key: 'name', title: 'Год', cell: (yr) => yr.name },
          { key: 'dates', title: 'Сроки', cell: (yr) => `${dateRu(yr.startDate)} – ${dateRu(yr.endDate)}` },
          {
            key: 'terms',
            title: 'Семестры',
            className: 'small',
            cell: (yr) =>
              yr.terms.map((t) => (
                <div key={t.id}>
                  {t.number}-й: {dateRu(t.startDate)} – {dateRu(t.endDate)}
                </div>
              )),
          },
          {
            key: 'status',
            title: 'Состояние',
            cell: (yr) => (
              <>
                {yr.status === 'open' ? 'открыт' : <Link to={`/archive?year=${yr.id}`}>закрыт, в архиве</Link>}
                {manage && yr.status === 'open' && yr.endDate < today && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => setClosing({ id: yr.id, name: yr.name })}>
                      Закрыть год
                    </button>
                  </>
                )}
                {manage && yr.status === 'archived' && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => setReopening({ id: yr.id, name: yr.name })}>
                      Открыть снова
                    </button>
                  </>
                )}
              </>
            ),
          },
        ]}
      />
      {closing && (
        <Modal title={`Закрыть учебный год ${closing.name}`} onClose={() => setClosing(null)}>
          <p>
            Журналы, оценки, пропуски, занятия, КТП, нагрузка и расписание этого года станут доступны только для чтения. Обучающиеся,
            родители и сотрудники по-прежнему их видят. Архив года (по каждой группе — журнал в XLSX и выгрузка в JSON с контрольными
            суммами) изготовится в фоне.
          </p>
          <ErrorNotice error={close.error} />
          <div className="actions">
            <button type="button" disabled={close.isPending} onClick={() => close.mutate(closing.id)}>
              Закрыть год
            </button>
            <button type="button" className="secondary" onClick={() => setClosing(null)}>
              Отмена
            </button>
          </div>
        </Modal>
      )}
      {reopening && (
        <ReopenYear
          year={reopening}
          onDone={() => {
            setReopening(null);
            refresh();
          }}
        />
      )}
      {edit && start === null && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setStart(next)}>
            Создать учебный год {next}/{next + 1}
          </button>
        </div>
      )}
      {edit && start !== null && (
        <form {...form.form} aria-label="Новый учебный год">
          <h3>
            Учебный год {y}/{y + 1}
          </h3>
          <p className="muted small">
            Пустые даты семестров заполнятся обычными: 01.09–31.12 и 12.01–30.06. Переход всех групп на следующий курс делается в разделе
            «Начало года».
          </p>
          <div className="form-row">
            <Field label="1-й семестр: начало" type="date" {...form.field('t1s')} />
            <Field label="1-й семестр: конец" type="date" {...form.field('t1e')} />
            <Field label="2-й семестр: начало" type="date" {...form.field('t2s')} />
            <Field label="2-й семестр: конец" type="date" {...form.field('t2e')} />
          </div>
          {create.error != null && <Notice kind="error">{form.errors.terms ?? errorText(create.error)}</Notice>}
          <div className="actions">
            <button type="submit" disabled={create.isPending}>
              Создать
            </button>
            <button type="button" className="secondary" onClick={() => setStart(null)}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Departments({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keyOf('GET /departments'), queryFn: () => call('GET /departments') });
  const staff = useStaff(edit);
  return (
    <ListEditor
      id="departments"
      title="Отделения"
      items={list.data}
      itemKey={(d) => d.id}
      canEdit={edit}
      error={list.error}
      empty="Отделений нет. Добавьте, если колледж делится на отделения; специальности можно вести и без них."
      line={(d) => (
        <>
          <strong>{d.name}</strong> · заведующий: {d.headName ?? 'не назначен'} · специальностей: {d.programs}
        </>
      )}
      blank={{ name: '', head: '' }}
      toValues={(d) => ({ name: d.name, head: String(d.headPersonId ?? '') })}
      fields={(f) => (
        <>
          <Field label="Название отделения" {...f.field('name')} />
          <SelectField label="Заведующий" {...f.field('head', 'headPersonId')}>
            <option value="">не назначен</option>
            {staff.data?.items.map((s) => (
              <option key={s.personId} value={s.personId}>
                {s.fullName}
              </option>
            ))}
          </SelectField>
        </>
      )}
      save={(v, id) => {
        const body = { name: v.name, headPersonId: personId(v.head) };
        return id ? call('PUT /departments/:id', { params: { id }, body }) : call('POST /departments', { body });
      }}
      onSaved={() => void qc.invalidateQueries({ queryKey: keysOf('GET /departments') })}
      addLabel="Добавить отделение"
      formLabel="Отделение"
    />
  );
}

function Programs({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keyOf('GET /programs'), queryFn: () => call('GET /programs') });
  const deps = useQuery({ queryKey: keyOf('GET /departments'), queryFn: () => call('GET /departments') });
  const [editing, setEditing] = useState<{ id: number | null; values: ProgramValues } | null>(null);
  return (
    <section id="programs" className="panel" aria-labelledby="prog-h">
      <h2 id="prog-h" style={{ marginTop: 0 }}>
        Специальности и профессии
      </h2>
      <DataTable
        caption="Специальности и профессии"
        captionHidden
        rows={list.data}
        rowKey={(p) => p.id}
        empty="Специальностей нет. Добавьте их по перечню (код 43.02.15 и т. п.): без них нельзя создать группы."
        columns={[
          { key: 'code', title: 'Код', cell: (p) => p.code },
          {
            key: 'name',
            title: 'Наименование',
            cell: (p) => (
              <>
                {p.name} <span className="muted small">({p.kind === 'profession' ? 'профессия' : 'специальность'})</span>
              </>
            ),
          },
          { key: 'qualification', title: 'Квалификация', className: 'small', cell: (p) => p.qualification },
          { key: 'department', title: 'Отделение', className: 'small', cell: (p) => p.departmentName ?? '—' },
          { key: 'terms', title: 'Семестров', cell: (p) => p.durationTerms },
          { key: 'groups', title: 'Групп', cell: (p) => p.groups },
          edit && {
            key: 'edit',
            title: 'Действия',
            hiddenTitle: true,
            cell: (p) => (
              <button
                type="button"
                className="link"
                onClick={() =>
                  setEditing({
                    id: p.id,
                    values: {
                      code: p.code,
                      name: p.name,
                      qualification: p.qualification,
                      kind: p.kind,
                      durationTerms: String(p.durationTerms),
                      departmentId: String(p.departmentId ?? ''),
                    },
                  })
                }
              >
                Изменить
              </button>
            ),
          },
        ]}
      />
      {edit && !editing && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setEditing({ id: null, values: BLANK_PROGRAM })}>
            Добавить специальность
          </button>
        </div>
      )}
      {edit && editing && (
        <ProgramForm
          key={editing.id ?? 'new'}
          id={editing.id}
          values={editing.values}
          departments={deps.data ?? []}
          onDone={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: keysOf('GET /programs') });
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

const BLANK_PROGRAM = { code: '', name: '', qualification: '', kind: 'specialty', durationTerms: '8', departmentId: '' };
type ProgramValues = typeof BLANK_PROGRAM;

function ProgramForm({
  id,
  values,
  departments,
  onDone,
  onCancel,
}: {
  id: number | null;
  values: ProgramValues;
  departments: { id: number; name: string }[];
  onDone(): void;
  onCancel(): void;
}) {
  const save = useMutation({
    mutationFn: (f: ProgramValues) => {
      const body = {
        code: f.code,
        name: f.name,
        qualification: f.qualification,
        kind: f.kind as 'specialty' | 'profession',
        durationTerms: Number(f.durationTerms),
        departmentId: f.departmentId ? Number(f.departmentId) : null,
      };
      return id ? call('PUT /programs/:id', { params: { id }, body }) : call('POST /programs', { body });
    },
    onSuccess: onDone,
  });
  const form = useForm(values, { error: save.error, onSubmit: (v) => save.mutate(v) });
  return (
    <form {...form.form} aria-label="Специальность">
      <div className="form-row">
        <Field label="Код" {...form.field('code')} placeholder="43.02.15" />
        <Field label="Наименование" {...form.field('name')} />
        <Field label="Квалификация" {...form.field('qualification')} />
        <SelectField label="Вид" {...form.field('kind')}>
          <option value="specialty">специальность</option>
          <option value="profession">профессия</option>
        </SelectField>
        <Field label="Срок обучения, семестров" type="number" {...form.field('durationTerms')} />
        <SelectField label="Отделение" {...form.field('departmentId')}>
          <option value="">—</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit">Сохранить</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function Commissions({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keyOf('GET /commissions'), queryFn: () => call('GET /commissions') });
  const staff = useStaff(edit);
  return (
    <ListEditor
      id="commissions"
      title="Предметно-цикловые комиссии"
      items={list.data}
      itemKey={(c) => c.id}
      canEdit={edit}
      error={list.error}
      empty="ПЦК нет. Добавьте комиссии и назначьте председателей: они просматривают журналы дисциплин комиссии."
      line={(c) => (
        <>
          <strong>{c.name}</strong> · председатель: {c.chairName ?? 'не назначен'}
        </>
      )}
      blank={{ name: '', chair: '' }}
      toValues={(c) => ({ name: c.name, chair: String(c.chairPersonId ?? '') })}
      fields={(f) => (
        <>
          <Field label="Название ПЦК" {...f.field('name')} />
          <SelectField label="Председатель" {...f.field('chair', 'chairPersonId')}>
            <option value="">не назначен</option>
            {staff.data?.items.map((s) => (
              <option key={s.personId} value={s.personId}>
                {s.fullName}
              </option>
            ))}
          </SelectField>
        </>
      )}
      save={(v, id) => {
        const body = { name: v.name, chairPersonId: personId(v.chair) };
        return id ? call('PUT /commissions/:id', { params: { id }, body }) : call('POST /commissions', { body });
      }}
      onSaved={() => void qc.invalidateQueries({ queryKey: keysOf('GET /commissions') })}
      addLabel="Добавить ПЦК"
      formLabel="ПЦК"
    />
  );
}
