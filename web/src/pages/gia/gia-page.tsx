import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import {
  DEMO_EXAM_LEVEL_TITLES,
  demoExamGrade,
  GIA_GRADES,
  hasTwoDecimals,
  POINTS_NOUN,
  THESIS_ADMISSION_TITLES,
  type GiaGrade,
} from '../../../../src/domain/gia.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { countRu, dateRu, dateTimeRu, numberRu } from '../../format.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { useMe } from '../../auth.js';
import { EditorRow, RowStatus, useDrafts, useRecordEditor, type Draft, type Drafts } from './row-editor.js';

// The ГИА of a group (issue 16): the demo exam's points with the grade shown as typed, the thesis,
// the module exams; what is typed is kept as a draft in the browser until it is saved.

type Page = ApiResponse<'GET /gia/groups/:id'>;
type Student = Page['students'][number];

const parsePoints = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.').replace(/\s/g, '')));

export function GiaGroupsPage() {
  usePageTitle('ГИА', 'gia');
  const [params, setParams] = useSearchParams();
  const yearId = Number(params.get('year')) || undefined;
  const req = { query: yearId ? { yearId } : {} };
  const q = useQuery({ queryKey: keyOf('GET /gia/groups', req), queryFn: () => call('GET /gia/groups', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <h1>Государственная итоговая аттестация</h1>
      <label htmlFor="gia-year">Учебный год</label>{' '}
      <select id="gia-year" value={d.yearId} onChange={(e) => setParams({ year: e.target.value })}>
        {d.years.map((y) => (
          <option key={y.id} value={y.id}>
            {y.name}
            {y.status === 'archived' ? ' (архив)' : ''}
          </option>
        ))}
      </select>
      {d.groups.length === 0 ? (
        <Empty>В этом учебном году нет групп в вашем доступе. Секретаря ГЭК назначает заместитель директора на странице группы.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Группа</th>
              <th>Курс</th>
              <th>ДЭ</th>
              <th>ВКР</th>
              <th>Эк</th>
            </tr>
          </thead>
          <tbody>
            {d.groups.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={`/gia/groups/${g.id}?year=${d.yearId}`}>{g.name}</Link>
                  {g.graduating ? <span className="badge ok">выпускная</span> : null}
                </td>
                <td>{g.course}</td>
                <td>{g.demoExams}</td>
                <td>{g.theses}</td>
                <td>{g.moduleExams}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function GiaGroupPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const yearId = Number(params.get('year')) || undefined;
  const req = { params: { id: Number(id) }, query: yearId ? { yearId } : {} };
  const q = useQuery({ queryKey: keyOf('GET /gia/groups/:id', req), queryFn: () => call('GET /gia/groups/:id', req) });
  usePageTitle(q.data ? `ГИА ${q.data.group.name}` : 'ГИА группы', 'gia');
  const [tab, setTab] = useState<'demo' | 'thesis' | 'module' | 'history'>('demo');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const p = q.data!;
  const dl = { params: { id: p.group.id }, query: { yearId: p.year.id } };
  const tabs = [
    ['demo', 'Демонстрационный экзамен'],
    ['thesis', 'ВКР'],
    ['module', 'Экзамены по модулям'],
    ['history', 'История'],
  ] as const;
  return (
    <>
      <p className="small no-print">
        <Link to={`/gia?year=${p.year.id}`}>← Все группы</Link>
      </p>
      <h1>
        ГИА: группа {p.group.name}, {p.year.name}
      </h1>
      <p className="muted">
        {p.group.programCode} {p.group.programName} · {p.group.course}-й курс · оценка ДЭ: «3» от {p.cutoffs[0]} %, «4» от {p.cutoffs[1]} %,
        «5» от {p.cutoffs[2]} % от {countRu(p.maxPoints, POINTS_NOUN)}
      </p>
      <label htmlFor="gia-page-year">Учебный год</label>{' '}
      <select id="gia-page-year" value={p.year.id} onChange={(e) => setParams({ year: e.target.value })}>
        {p.years.map((y) => (
          <option key={y.id} value={y.id}>
            {y.name}
          </option>
        ))}
      </select>
      <div className="actions no-print">
        <a className="button secondary" href={hrefOf('GET /gia/groups/:id/protocol.pdf', dl)} download>
          Протокол (PDF)
        </a>
        <a className="button secondary" href={hrefOf('GET /gia/groups/:id/protocol.xlsx', dl)} download>
          Протокол (XLSX)
        </a>
      </div>
      {!p.canWrite && (
        <Notice>
          {p.year.status === 'archived'
            ? 'Учебный год закрыт: записи только для чтения.'
            : 'Записи ГИА вносят заместитель директора и секретарь ГЭК группы.'}
        </Notice>
      )}
      <Secretaries p={p} />
      <div className="tabs" role="group" aria-label="Раздел ГИА">
        {tabs.map(([k, label]) => (
          <button key={k} type="button" className={k === tab ? '' : 'secondary'} aria-pressed={k === tab} onClick={() => setTab(k)}>
            {label}
          </button>
        ))}
      </div>
      {p.students.length === 0 && <Empty>В группе в этом учебном году не было обучающихся.</Empty>}
      {tab === 'demo' && <DemoTable p={p} />}
      {tab === 'thesis' && <ThesisTable p={p} />}
      {tab === 'module' && <ModuleTable p={p} />}
      {tab === 'history' && <History p={p} />}
    </>
  );
}

function Secretaries({ p }: { p: Page }) {
  const qc = useQueryClient();
  const staff = useQuery({ queryKey: keyOf('GET /gia/staff'), queryFn: () => call('GET /gia/staff'), enabled: p.canManage });
  const [personId, setPersonId] = useState('');
  const m = useMutation({
    mutationFn: (v: { add: boolean; personId: number }) =>
      v.add
        ? call('POST /gia/groups/:id/secretaries', { params: { id: p.group.id }, body: { personId: v.personId } })
        : call('DELETE /gia/groups/:id/secretaries/:personId', { params: { id: p.group.id, personId: v.personId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['GET /gia/groups/:id'] }),
  });
  return (
    <section aria-label="Секретари ГЭК">
      <p>
        Секретарь ГЭК: {p.secretaries.length ? p.secretaries.map((s) => s.name).join(', ') : 'не назначен'}
        {p.canManage &&
          p.secretaries.map((s) => (
            <button
              key={s.personId}
              type="button"
              className="secondary small"
              onClick={() => m.mutate({ add: false, personId: s.personId })}
            >
              Снять: {s.name}
            </button>
          ))}
      </p>
      {p.canManage && staff.data && (
        <div className="actions">
          <label htmlFor="gia-secretary">Назначить секретаря ГЭК</label>
          <select id="gia-secretary" value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">— сотрудник —</option>
            {staff.data.items.map((s) => (
              <option key={s.personId} value={s.personId}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!personId} onClick={() => m.mutate({ add: true, personId: Number(personId) })}>
            Назначить
          </button>
        </div>
      )}
      {m.error ? <ErrorNotice error={m.error} /> : null}
    </section>
  );
}

function DemoTable({ p }: { p: Page }) {
  const drafts = useDrafts(`demo|${p.group.id}|${p.year.id}`);
  return (
    <table className="table" aria-label="Демонстрационный экзамен">
      <thead>
        <tr>
          <th>Обучающийся</th>
          <th>Дата</th>
          <th>Компетенция</th>
          <th>Уровень</th>
          <th>Баллы</th>
          <th>Оценка</th>
          <th>Причина изменения</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {p.students.map((s) => (
          <DemoRow key={s.studentId} p={p} s={s} drafts={drafts} />
        ))}
      </tbody>
    </table>
  );
}

const LEVELS = Object.entries(DEMO_EXAM_LEVEL_TITLES);

function DemoRow({ p, s, drafts }: { p: Page; s: Student; drafts: Drafts }) {
  const d = s.demoExam;
  const saved: Draft = {
    examDate: d?.examDate ?? '',
    competence: d?.competence ?? '',
    level: d?.level ?? 'base',
    points: d ? numberRu(d.points) : '',
    reason: '',
  };
  const e = useRecordEditor(drafts, String(s.studentId), saved, (v) =>
    call('PUT /gia/demo-exams', {
      body: {
        yearId: p.year.id,
        groupId: p.group.id,
        studentId: s.studentId,
        version: d?.version ?? null,
        examDate: v.examDate,
        competence: v.competence,
        level: v.level as 'base',
        points: parsePoints(v.points) ?? Number.NaN,
        modules: d?.modules ?? null,
        reason: v.reason || null,
      },
    }),
  );
  const points = parsePoints(e.v.points);
  const valid = points !== null && Number.isFinite(points) && points >= 0 && points <= p.maxPoints && hasTwoDecimals(points);
  const grade = valid ? demoExamGrade(points, p.maxPoints, p.cutoffs) : null;
  return (
    <EditorRow
      who={s.fullName}
      e={e}
      canWrite={p.canWrite}
      exists={!!d}
      saveLabel="Сохранить ДЭ"
      cells={[
        { key: 'examDate', label: 'Дата ДЭ', input: 'date', shown: d ? dateRu(d.examDate) : '—' },
        { key: 'competence', label: 'Компетенция', input: 'text', shown: d?.competence ?? '—' },
        { key: 'level', label: 'Уровень ДЭ', input: 'select', options: LEVELS, shown: d ? DEMO_EXAM_LEVEL_TITLES[d.level] : '—' },
        {
          key: 'points',
          label: 'Баллы ДЭ',
          input: 'decimal',
          invalid: e.v.points !== '' && !valid,
          shown: d ? numberRu(d.points) : '—',
        },
        { key: 'grade', label: 'Оценка ДЭ', computed: <strong>{grade ?? (e.v.points ? '?' : '—')}</strong>, shown: d?.grade ?? '—' },
      ]}
    />
  );
}

function ThesisTable({ p }: { p: Page }) {
  const drafts = useDrafts(`thesis|${p.group.id}|${p.year.id}`);
  return (
    <table className="table" aria-label="ВКР">
      <thead>
        <tr>
          <th>Обучающийся</th>
          <th>Тема</th>
          <th>Руководитель</th>
          <th>Отзыв руководителя</th>
          <th>Рецензент</th>
          <th>Рецензия</th>
          <th>Допуск</th>
          <th>Защита</th>
          <th>Оценка</th>
          <th>Причина изменения</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {p.students.map((s) => (
          <ThesisRow key={s.studentId} p={p} s={s} drafts={drafts} />
        ))}
      </tbody>
    </table>
  );
}

const ADMISSIONS = [['', 'не решён'], ...Object.entries(THESIS_ADMISSION_TITLES)] as const;
const GRADES = [['', '—'], ...GIA_GRADES.map((g) => [g, g] as const)] as const;

function ThesisRow({ p, s, drafts }: { p: Page; s: Student; drafts: Drafts }) {
  const t = s.thesis;
  const saved: Draft = {
    topic: t?.topic ?? '',
    supervisor: t?.supervisor ?? '',
    reviewer: t?.reviewer ?? '',
    supervisorGrade: t?.supervisorGrade ?? '',
    reviewerGrade: t?.reviewerGrade ?? '',
    admission: t?.admission ?? '',
    defenseDate: t?.defenseDate ?? '',
    grade: t?.grade ?? '',
    reason: '',
  };
  const e = useRecordEditor(drafts, String(s.studentId), saved, (v) =>
    call('PUT /gia/theses', {
      body: {
        yearId: p.year.id,
        groupId: p.group.id,
        studentId: s.studentId,
        version: t?.version ?? null,
        topic: v.topic,
        supervisor: v.supervisor || null,
        reviewer: v.reviewer || null,
        supervisorGrade: (v.supervisorGrade || null) as GiaGrade | null,
        reviewerGrade: (v.reviewerGrade || null) as GiaGrade | null,
        admission: (v.admission || null) as 'admitted' | null,
        defenseDate: v.defenseDate || null,
        grade: (v.grade || null) as GiaGrade | null,
        reason: v.reason || null,
      },
    }),
  );
  return (
    <EditorRow
      who={s.fullName}
      e={e}
      canWrite={p.canWrite}
      exists={!!t}
      saveLabel="Сохранить ВКР"
      cells={[
        { key: 'topic', label: 'Тема ВКР', input: 'text', shown: t?.topic ?? '—' },
        { key: 'supervisor', label: 'Руководитель', input: 'text', shown: t?.supervisor ?? '—' },
        { key: 'supervisorGrade', label: 'Отзыв руководителя', input: 'select', options: GRADES, shown: t?.supervisorGrade ?? '—' },
        { key: 'reviewer', label: 'Рецензент', input: 'text', shown: t?.reviewer ?? '—' },
        { key: 'reviewerGrade', label: 'Рецензия', input: 'select', options: GRADES, shown: t?.reviewerGrade ?? '—' },
        {
          key: 'admission',
          label: 'Допуск к защите',
          input: 'select',
          options: ADMISSIONS,
          shown: t?.admission ? THESIS_ADMISSION_TITLES[t.admission] : '—',
        },
        { key: 'defenseDate', label: 'Дата защиты', input: 'date', enter: false, shown: t?.defenseDate ? dateRu(t.defenseDate) : '—' },
        { key: 'grade', label: 'Оценка за защиту', input: 'select', options: GRADES, shown: t?.grade ?? '—' },
      ]}
    />
  );
}

function ModuleTable({ p }: { p: Page }) {
  const drafts = useDrafts(`module|${p.group.id}|${p.year.id}`);
  if (!p.modules.length) return <Empty>В учебном плане группы нет профессиональных модулей.</Empty>;
  return (
    <table className="table" aria-label="Экзамены по модулям">
      <thead>
        <tr>
          <th>Обучающийся</th>
          {p.modules.map((m) => (
            <th key={m.id} title={m.name}>
              {m.code}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.students.map((s) => (
          <tr key={s.studentId}>
            <td>{s.fullName}</td>
            {p.modules.map((m) => (
              <ModuleCell key={m.id} p={p} s={s} moduleId={m.id} code={m.code} drafts={drafts} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** «освоен, 4»: one choice sets both what the module exam says and its grade. */
const RESULTS = [
  ['1|5', 'освоен, «5»'],
  ['1|4', 'освоен, «4»'],
  ['1|3', 'освоен, «3»'],
  ['0|2', 'не освоен, «2»'],
] as const;

function ModuleCell({ p, s, moduleId, code, drafts }: { p: Page; s: Student; moduleId: number; code: string; drafts: Drafts }) {
  const m = s.moduleExams.find((x) => x.moduleId === moduleId);
  const saved: Draft = { result: m ? `${m.mastered ? 1 : 0}|${m.grade}` : '', reason: '' };
  const e = useRecordEditor(drafts, `${s.studentId}|${moduleId}`, saved, (v) => {
    const [mastered, grade] = v.result.split('|');
    return call('PUT /gia/module-exams', {
      body: {
        yearId: p.year.id,
        groupId: p.group.id,
        studentId: s.studentId,
        moduleId,
        version: m?.version ?? null,
        examDate: m?.examDate ?? null,
        mastered: mastered === '1',
        grade: grade as GiaGrade,
        reason: v.reason || null,
      },
    });
  });
  const who = `${code}: ${s.fullName}`;
  if (!p.canWrite) return <td>{m ? RESULTS.find((r) => r[0] === saved.result)?.[1] : '—'}</td>;
  return (
    <td>
      <select aria-label={`Экзамен ${who}`} value={e.v.result} onChange={(x) => e.edit('result', x.target.value)}>
        <option value="">—</option>
        {RESULTS.map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      {m && e.v.result !== saved.result ? (
        <input
          aria-label={`Причина изменения ${who}`}
          placeholder="Причина изменения"
          value={e.v.reason}
          onChange={(x) => e.edit('reason', x.target.value)}
        />
      ) : null}
      <button
        type="button"
        className="small"
        disabled={!e.v.result || e.m.isPending || !e.dirty}
        onClick={e.save}
        aria-label={`Сохранить экзамен ${who}`}
      >
        ✓
      </button>
      <RowStatus e={e} label={who} />
    </td>
  );
}

function History({ p }: { p: Page }) {
  const me = useMe();
  const req = { params: { id: p.group.id }, query: { yearId: p.year.id } };
  const q = useQuery({ queryKey: keyOf('GET /gia/groups/:id/history', req), queryFn: () => call('GET /gia/groups/:id/history', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  if (!q.data!.items.length) return <Empty>Записей ещё не вносили: изменения появятся здесь с автором, временем и причиной.</Empty>;
  return (
    <ul className="small">
      {q.data!.items.map((e, i) => (
        <li key={i}>
          {dateTimeRu(e.at, me.organization.timeZone)} · {e.by} · {e.studentName} · {e.what}: {e.before ? `${e.before} → ` : ''}
          {e.after}
          {e.reason ? ` (причина: ${e.reason})` : ''}
        </li>
      ))}
    </ul>
  );
}
