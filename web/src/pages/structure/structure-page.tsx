import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { StaffItem } from '../../../../src/contracts/people.js';
import type { Commission, Department, Program } from '../../../../src/contracts/structure.js';
import { ApiError, get, patch, post, put } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

interface Year { id: number; name: string; startDate: string; endDate: string; status: string; terms: { id: number; number: number; startDate: string; endDate: string }[] }

/** Academic years and terms, departments, programs and subject commissions of the college. */
export function StructurePage() {
  usePageTitle('Структура колледжа', 'admin-structure');
  const me = useMe();
  const edit = can(me, 'structure:write');
  return (
    <>
      <h1>Структура колледжа</h1>
      <nav className="section-links" aria-label="Разделы структуры">
        <a href="#years">Учебные годы</a><a href="#departments">Отделения</a><a href="#programs">Специальности</a><a href="#commissions">ПЦК</a>
      </nav>
      <Years edit={edit} />
      <Departments edit={edit} />
      <Programs edit={edit} />
      <Commissions edit={edit} />
    </>
  );
}

function useStaff(enabled: boolean) {
  return useQuery({ queryKey: ['staff-all'], queryFn: () => get<{ items: StaffItem[] }>('/staff?pageSize=500'), enabled });
}

function Years({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const years = useQuery({ queryKey: ['years'], queryFn: () => get<Year[]>('/academic-years') });
  const next = (years.data?.[0] ? Number(years.data[0].startDate.slice(0, 4)) + 1 : new Date().getFullYear());
  const [f, setF] = useState<{ start: number } | null>(null);
  const y = f?.start ?? next;
  const [terms, setTerms] = useState({ t1s: '', t1e: '', t2s: '', t2e: '' });
  const create = useMutation({
    mutationFn: () => post('/academic-years', {
      name: `${y}/${y + 1}`, startDate: `${y}-09-01`, endDate: `${y + 1}-08-31`,
      terms: [
        { number: 1, startDate: terms.t1s || `${y}-09-01`, endDate: terms.t1e || `${y}-12-31` },
        { number: 2, startDate: terms.t2s || `${y + 1}-01-12`, endDate: terms.t2e || `${y + 1}-06-30` },
      ],
    }),
    onSuccess: () => {
      setF(null);
      void qc.invalidateQueries({ queryKey: ['years'] });
    },
  });
  const archive = useMutation({
    mutationFn: (id: number) => patch(`/academic-years/${id}`, { status: 'archived' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['years'] }),
  });
  const err = create.error instanceof ApiError ? create.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section id="years" className="panel" aria-labelledby="years-h">
      <h2 id="years-h" style={{ marginTop: 0 }}>Учебные годы и семестры</h2>
      {years.isLoading && <Loading />}
      <ErrorNotice error={years.error ?? archive.error} />
      {years.data?.length === 0 && <Empty>Учебных годов нет. Создайте текущий: с 1 сентября по 31 августа, два семестра.</Empty>}
      {years.data && years.data.length > 0 && (
        <div className="table-wrap"><table className="list">
          <thead><tr><th>Год</th><th>Сроки</th><th>Семестры</th><th>Состояние</th></tr></thead>
          <tbody>{years.data.map((yr) => (
            <tr key={yr.id}>
              <td>{yr.name}</td>
              <td>{dateRu(yr.startDate)} – {dateRu(yr.endDate)}</td>
              <td className="small">{yr.terms.map((t) => <div key={t.id}>{t.number}-й: {dateRu(t.startDate)} – {dateRu(t.endDate)}</div>)}</td>
              <td>{yr.status === 'open' ? 'открыт' : 'в архиве'}{edit && yr.status === 'open' && yr.endDate < new Date().toISOString().slice(0, 10) && <> <button type="button" className="link" onClick={() => archive.mutate(yr.id)}>Закрыть</button></>}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {edit && !f && <div className="actions"><button type="button" className="secondary" onClick={() => setF({ start: next })}>Создать учебный год {next}/{next + 1}</button></div>}
      {edit && f && (
        <form onSubmit={submit} aria-label="Новый учебный год">
          <h3>Учебный год {y}/{y + 1}</h3>
          <p className="muted small">Пустые даты семестров заполнятся обычными: 01.09–31.12 и 12.01–30.06. Переход всех групп на следующий курс делается в разделе «Начало года».</p>
          <div className="form-row">
            <Field label="1-й семестр: начало" type="date" value={terms.t1s} onChange={(e) => setTerms({ ...terms, t1s: e.target.value })} />
            <Field label="1-й семестр: конец" type="date" value={terms.t1e} onChange={(e) => setTerms({ ...terms, t1e: e.target.value })} />
            <Field label="2-й семестр: начало" type="date" value={terms.t2s} onChange={(e) => setTerms({ ...terms, t2s: e.target.value })} />
            <Field label="2-й семестр: конец" type="date" value={terms.t2e} onChange={(e) => setTerms({ ...terms, t2e: e.target.value })} />
          </div>
          {err && <Notice kind="error">{err.fields.terms ?? err.message}</Notice>}
          <div className="actions"><button type="submit" disabled={create.isPending}>Создать</button><button type="button" className="secondary" onClick={() => setF(null)}>Отмена</button></div>
        </form>
      )}
    </section>
  );
}

function Departments({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['departments'], queryFn: () => get<Department[]>('/departments') });
  const staff = useStaff(edit);
  const [f, setF] = useState<{ id: number | null; name: string; head: string } | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = { name: f!.name, headPersonId: f!.head ? Number(f!.head) : null };
      return f!.id ? put(`/departments/${f!.id}`, body) : post('/departments', body);
    },
    onSuccess: () => {
      setF(null);
      void qc.invalidateQueries({ queryKey: ['departments'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <section id="departments" className="panel" aria-labelledby="dep-h">
      <h2 id="dep-h" style={{ marginTop: 0 }}>Отделения</h2>
      {list.data?.length === 0 && <Empty>Отделений нет. Добавьте, если колледж делится на отделения; специальности можно вести и без них.</Empty>}
      {list.data && list.data.length > 0 && (
        <ul className="plain">{list.data.map((d) => (
          <li key={d.id}><strong>{d.name}</strong> · заведующий: {d.headName ?? 'не назначен'} · специальностей: {d.programs}
            {edit && <> <button type="button" className="link" onClick={() => setF({ id: d.id, name: d.name, head: String(d.headPersonId ?? '') })}>Изменить</button></>}</li>
        ))}</ul>
      )}
      {edit && !f && <div className="actions"><button type="button" className="secondary" onClick={() => setF({ id: null, name: '', head: '' })}>Добавить отделение</button></div>}
      {edit && f && (
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Отделение">
          <div className="form-row">
            <Field label="Название отделения" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={err?.fields.name} />
            <SelectField label="Заведующий" value={f.head} onChange={(e) => setF({ ...f, head: e.target.value })} error={err?.fields.headPersonId}>
              <option value="">не назначен</option>
              {staff.data?.items.map((s) => <option key={s.personId} value={s.personId}>{s.fullName}</option>)}
            </SelectField>
          </div>
          <ErrorNotice error={err} />
          <div className="actions"><button type="submit">Сохранить</button><button type="button" className="secondary" onClick={() => setF(null)}>Отмена</button></div>
        </form>
      )}
    </section>
  );
}

function Programs({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['programs'], queryFn: () => get<Program[]>('/programs') });
  const deps = useQuery({ queryKey: ['departments'], queryFn: () => get<Department[]>('/departments') });
  const blank = { id: null as number | null, code: '', name: '', qualification: '', kind: 'specialty', durationTerms: '8', departmentId: '' };
  const [f, setF] = useState<typeof blank | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = { code: f!.code, name: f!.name, qualification: f!.qualification, kind: f!.kind, durationTerms: Number(f!.durationTerms), departmentId: f!.departmentId ? Number(f!.departmentId) : null };
      return f!.id ? put(`/programs/${f!.id}`, body) : post('/programs', body);
    },
    onSuccess: () => {
      setF(null);
      void qc.invalidateQueries({ queryKey: ['programs'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <section id="programs" className="panel" aria-labelledby="prog-h">
      <h2 id="prog-h" style={{ marginTop: 0 }}>Специальности и профессии</h2>
      {list.data?.length === 0 && <Empty>Специальностей нет. Добавьте их по перечню (код 43.02.15 и т. п.): без них нельзя создать группы.</Empty>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap"><table className="list">
          <thead><tr><th>Код</th><th>Наименование</th><th>Квалификация</th><th>Отделение</th><th>Семестров</th><th>Групп</th>{edit && <th><span className="sr-only">Действия</span></th>}</tr></thead>
          <tbody>{list.data.map((p) => (
            <tr key={p.id}><td>{p.code}</td><td>{p.name} <span className="muted small">({p.kind === 'profession' ? 'профессия' : 'специальность'})</span></td><td className="small">{p.qualification}</td><td className="small">{p.departmentName ?? '—'}</td><td>{p.durationTerms}</td><td>{p.groups}</td>
              {edit && <td><button type="button" className="link" onClick={() => setF({ id: p.id, code: p.code, name: p.name, qualification: p.qualification, kind: p.kind, durationTerms: String(p.durationTerms), departmentId: String(p.departmentId ?? '') })}>Изменить</button></td>}</tr>
          ))}</tbody>
        </table></div>
      )}
      {edit && !f && <div className="actions"><button type="button" className="secondary" onClick={() => setF(blank)}>Добавить специальность</button></div>}
      {edit && f && (
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Специальность">
          <div className="form-row">
            <Field label="Код" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} error={err?.fields.code} placeholder="43.02.15" />
            <Field label="Наименование" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={err?.fields.name} />
            <Field label="Квалификация" value={f.qualification} onChange={(e) => setF({ ...f, qualification: e.target.value })} error={err?.fields.qualification} />
            <SelectField label="Вид" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}><option value="specialty">специальность</option><option value="profession">профессия</option></SelectField>
            <Field label="Срок обучения, семестров" type="number" value={f.durationTerms} onChange={(e) => setF({ ...f, durationTerms: e.target.value })} error={err?.fields.durationTerms} />
            <SelectField label="Отделение" value={f.departmentId} onChange={(e) => setF({ ...f, departmentId: e.target.value })}>
              <option value="">—</option>{deps.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </SelectField>
          </div>
          <ErrorNotice error={err} />
          <div className="actions"><button type="submit">Сохранить</button><button type="button" className="secondary" onClick={() => setF(null)}>Отмена</button></div>
        </form>
      )}
    </section>
  );
}

function Commissions({ edit }: { edit: boolean }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['commissions'], queryFn: () => get<Commission[]>('/commissions') });
  const staff = useStaff(edit);
  const [f, setF] = useState<{ id: number | null; name: string; chair: string } | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = { name: f!.name, chairPersonId: f!.chair ? Number(f!.chair) : null };
      return f!.id ? put(`/commissions/${f!.id}`, body) : post('/commissions', body);
    },
    onSuccess: () => {
      setF(null);
      void qc.invalidateQueries({ queryKey: ['commissions'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <section id="commissions" className="panel" aria-labelledby="pck-h">
      <h2 id="pck-h" style={{ marginTop: 0 }}>Предметно-цикловые комиссии</h2>
      {list.data?.length === 0 && <Empty>ПЦК нет. Добавьте комиссии и назначьте председателей: они просматривают журналы дисциплин комиссии.</Empty>}
      {list.data && list.data.length > 0 && (
        <ul className="plain">{list.data.map((c) => (
          <li key={c.id}><strong>{c.name}</strong> · председатель: {c.chairName ?? 'не назначен'}
            {edit && <> <button type="button" className="link" onClick={() => setF({ id: c.id, name: c.name, chair: String(c.chairPersonId ?? '') })}>Изменить</button></>}</li>
        ))}</ul>
      )}
      {edit && !f && <div className="actions"><button type="button" className="secondary" onClick={() => setF({ id: null, name: '', chair: '' })}>Добавить ПЦК</button></div>}
      {edit && f && (
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="ПЦК">
          <div className="form-row">
            <Field label="Название ПЦК" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={err?.fields.name} />
            <SelectField label="Председатель" value={f.chair} onChange={(e) => setF({ ...f, chair: e.target.value })} error={err?.fields.chairPersonId}>
              <option value="">не назначен</option>
              {staff.data?.items.map((s) => <option key={s.personId} value={s.personId}>{s.fullName}</option>)}
            </SelectField>
          </div>
          <ErrorNotice error={err} />
          <div className="actions"><button type="submit">Сохранить</button><button type="button" className="secondary" onClick={() => setF(null)}>Отмена</button></div>
        </form>
      )}
    </section>
  );
}
