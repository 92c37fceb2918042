import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { limitText, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import { ApiError, call, hrefOf, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { countRu, dateRu, dateTimeRu, NOUNS, secondsRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { ImportPanel, useImport } from '../../ui/import-panel.js';
import { ErrorNotice, Field, fieldErrors, Notice, SelectField } from '../../ui/index.js';
import { CredentialsResultView } from './group-page.js';
import { usePageTitle } from '../../page-title.js';

/** The administrator's start of the year (UX.md): import → credentials → slips; rollover with a preview. */
export function StartOfYearPage() {
  usePageTitle('Начало учебного года', 'admin-start-of-year');
  const me = useMe();
  return (
    <>
      <h1>Начало учебного года</h1>
      <ol className="steps">
        <li>
          <a href="#import">Загрузите списки</a> обучающихся с родителями (и сотрудников) из файла: сначала проверка, потом загрузка.
        </li>
        <li>
          <a href="#assign">Распределите по группам</a> тех, кого нужно перевести разом (формирование групп).
        </li>
        <li>
          <a href="#credentials">Выдайте доступ</a> группам и распечатайте листки с логинами и паролями.
        </li>
        <li>
          <a href="#rollover">Переведите группы</a> на следующий курс и выпустите последний — в конце учебного года.
        </li>
      </ol>
      <ImportStep />
      {can(me, 'people:movement') && <AssignStep />}
      {can(me, 'people:credentials') && <CredentialsStep />}
      {can(me, 'structure:write') && <RolloverStep />}
    </>
  );
}

type ImportReport = ApiResponse<'POST /import'>;
type CredentialsResult = ApiResponse<'POST /credentials'>;
const ALL_GROUPS = { query: {} };

function ImportStep() {
  const qc = useQueryClient();
  const [kind, setKind] = useState<'students' | 'staff'>('students');
  const imp = useImport(
    async (upload, dryRun) => {
      try {
        return await call('POST /import', { body: { kind, ...upload, dryRun } });
      } catch (e) {
        // A file with errors comes back as 422 with the whole report.
        if (e instanceof ApiError && e.details) return e.details as ImportReport;
        throw e;
      }
    },
    {
      onApplied: (r) => {
        if (r.applied) void qc.invalidateQueries();
      },
    },
  );
  const template = (format: 'xlsx' | 'csv') => hrefOf('GET /import/template', { query: { kind, format } });
  return (
    <section id="import" className="panel" aria-labelledby="imp-h">
      <h2 id="imp-h" style={{ marginTop: 0 }}>
        1. Загрузка списков из файла
      </h2>
      <p className="small muted">
        Заполните шаблон (XLSX или CSV с разделителем «;»). Одна строка — один обучающийся с одним-двумя родителями. Повторная загрузка того
        же файла не создаёт дублей: обучающийся узнаётся по СНИЛС, а без него — по ФИО и дате рождения.
      </p>
      <ImportPanel
        imp={imp}
        label={`Файл (XLSX или CSV, ${limitText(UPLOAD_LIMITS.people)})`}
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        fields={
          <SelectField
            label="Что загружаем"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'students' | 'staff');
              imp.clear();
            }}
          >
            <option value="students">Обучающиеся и родители</option>
            <option value="staff">Сотрудники</option>
          </SelectField>
        }
        canApply={(r) => !r.applied && r.errors.length === 0}
        applyLabel="Загрузить в журнал"
        pendingNote="Можно перейти на другую страницу — загрузка продолжится на сервере; итог будет виден в списке обучающихся."
        report={(r) => <ImportReportView report={r} />}
      >
        <p className="small">
          Шаблон: <a href={template('xlsx')}>XLSX</a> · <a href={template('csv')}>CSV</a>
        </p>
      </ImportPanel>
    </section>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const ok = report.errors.length === 0;
  return (
    <div aria-label="Итог проверки">
      {report.applied ? (
        <Notice kind="ok">
          Загружено за {secondsRu(report.ms)}: строк {report.rows}; новых {report.create}, обновлено {report.update}, без изменений{' '}
          {report.unchanged}
          {report.kind === 'students' ? `; новых родителей ${report.guardiansCreated}` : ''}.{' '}
          <Link to={report.kind === 'students' ? '/students' : '/staff'}>Открыть список</Link>
        </Notice>
      ) : ok ? (
        <Notice kind="info">
          Ошибок нет. Будет: новых {report.create}, обновлено {report.update}, без изменений {report.unchanged}
          {report.kind === 'students' ? `, новых родителей ${report.guardiansCreated}` : ''}. Нажмите «Загрузить в журнал».
        </Notice>
      ) : (
        <Notice kind="error">
          Ошибок: {report.errors.length} (строк в файле {report.rows}). Ничего не загружено. Исправьте файл и проверьте снова.
        </Notice>
      )}
      {report.missingColumns.length > 0 && (
        <Notice kind="warn">
          {report.missingColumns.length === 1 ? 'В файле нет необязательного столбца' : 'В файле нет необязательных столбцов'}{' '}
          {report.missingColumns.map((c) => `«${c}»`).join(', ')}: {report.missingColumns.length === 1 ? 'его данные' : 'их данные'} не
          загружаются, а то, что уже есть в журнале, не меняется. Если столбец назван иначе, переименуйте его, как в шаблоне.
        </Notice>
      )}
      {report.errors.length > 0 && <ProblemTable title="Ошибки" rows={report.errors} />}
      {report.warnings.length > 0 && <ProblemTable title="Предупреждения (загрузке не мешают)" rows={report.warnings} />}
    </div>
  );
}

function ProblemTable({ title, rows }: { title: string; rows: ImportReport['errors'] }) {
  return (
    <>
      <h3>{title}</h3>
      <DataTable
        caption={title}
        captionHidden
        maxHeight={360}
        rows={rows.slice(0, 500).map((e, i) => ({ ...e, i }))}
        rowKey={(e) => e.i}
        columns={[
          { key: 'row', title: 'Строка', cell: (e) => e.row },
          { key: 'column', title: 'Столбец', cell: (e) => e.column },
          { key: 'message', title: 'Что не так', cell: (e) => e.message },
        ]}
      />
      {rows.length > 500 && <p className="small muted">Показаны первые 500 из {rows.length}.</p>}
    </>
  );
}

/** Many students into one group at once (п. 3.2): each move is a transfer with the order's number. */
function AssignStep() {
  const qc = useQueryClient();
  const groups = useQuery({ queryKey: keyOf('GET /groups', ALL_GROUPS), queryFn: () => call('GET /groups', ALL_GROUPS) });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState('');
  const [orderNo, setOrderNo] = useState('');
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const ofGroup = { query: { groupId: from, pageSize: 500 } };
  const students = useQuery({ queryKey: keyOf('GET /students', ofGroup), queryFn: () => call('GET /students', ofGroup), enabled: !!from });
  const assign = useMutation({
    mutationFn: () => call('POST /groups/:id/assign', { params: { id: Number(to) }, body: { studentIds: [...picked], date, orderNo } }),
    onSuccess: () => {
      setPicked(new Set());
      void qc.invalidateQueries({ queryKey: keysOf('GET /students') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /groups') });
    },
  });
  const err = fieldErrors(assign.error);
  const toggle = (id: number) =>
    setPicked((p) => {
      const n = new Set(p);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const list = students.data?.items ?? [];
  return (
    <section id="assign" className="panel" aria-labelledby="as-h">
      <h2 id="as-h" style={{ marginTop: 0 }}>
        2. Распределение по группам
      </h2>
      <p className="small muted">
        Выберите, из какой группы и в какую перевести; каждый перевод записывается в движение обучающегося с номером приказа. Прежние оценки
        остаются в журнале старой группы.
      </p>
      <div className="form-row">
        <SelectField
          label="Из группы"
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            setPicked(new Set());
          }}
        >
          <option value="">— выберите —</option>
          {groups.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.students})
            </option>
          ))}
        </SelectField>
        <SelectField label="В группу" value={to} onChange={(e) => setTo(e.target.value)} error={err.groupId}>
          <option value="">— выберите —</option>
          {groups.data
            ?.filter((g) => String(g.id) !== from)
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
        </SelectField>
        <Field label="С даты" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={err.date} />
        <Field label="Номер приказа" value={orderNo} onChange={(e) => setOrderNo(e.target.value)} error={err.orderNo} />
      </div>
      {from && list.length > 0 && (
        <fieldset className="pick-list">
          <legend>
            Обучающиеся ({picked.size} из {list.length} выбрано){' '}
            <button type="button" className="link" onClick={() => setPicked(new Set(list.map((x) => x.id)))}>
              выбрать всех
            </button>
          </legend>
          {list.map((st) => (
            <label key={st.id} className="inline">
              <input type="checkbox" checked={picked.has(st.id)} onChange={() => toggle(st.id)} /> {st.fullName}
            </label>
          ))}
        </fieldset>
      )}
      {assign.data && <Notice kind="ok">{assign.data.message}</Notice>}
      <ErrorNotice error={assign.error} />
      <div className="actions">
        <button type="button" disabled={!picked.size || !to || !date || !orderNo || assign.isPending} onClick={() => assign.mutate()}>
          Перевести выбранных
        </button>
      </div>
    </section>
  );
}

function CredentialsStep() {
  const groups = useQuery({ queryKey: keyOf('GET /groups', ALL_GROUPS), queryFn: () => call('GET /groups', ALL_GROUPS) });
  const [groupId, setGroupId] = useState('');
  const issue = useMutation({
    mutationFn: async (): Promise<CredentialsResult> => {
      const page = await call('GET /groups/:id/page', { params: { id: Number(groupId) }, query: {} });
      const ids = [
        ...new Set(
          page.students
            .flatMap((s) => [s, ...s.guardians])
            .filter((x) => !x.access.login)
            .map((x) => x.personId),
        ),
      ];
      if (!ids.length) return { issued: [], skipped: [], slipsPdfBase64: null, slipsFileName: '' };
      return call('POST /credentials', { body: { personIds: ids, reset: false, groupId: Number(groupId) } });
    },
  });
  return (
    <section id="credentials" className="panel" aria-labelledby="cr-h">
      <h2 id="cr-h" style={{ marginTop: 0 }}>
        3. Доступ и листки для печати
      </h2>
      <p className="small muted">
        Логины и временные пароли получают обучающиеся группы и их родители, у кого доступа ещё нет. Кураторы могут сделать это сами на
        странице своей группы.
      </p>
      <div className="actions">
        <SelectField
          label="Группа"
          value={groupId}
          onChange={(e) => {
            setGroupId(e.target.value);
            issue.reset();
          }}
        >
          <option value="">— выберите —</option>
          {groups.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.students} обуч.)
            </option>
          ))}
        </SelectField>
        <button type="button" disabled={!groupId || issue.isPending} onClick={() => issue.mutate()} style={{ alignSelf: 'flex-end' }}>
          Выдать доступ группе
        </button>
      </div>
      {issue.isPending && (
        <p aria-busy="true" className="muted">
          Выдаём доступ…
        </p>
      )}
      <ErrorNotice error={issue.error} />
      {issue.data &&
        (issue.data.issued.length ? (
          <CredentialsResultView result={issue.data} />
        ) : (
          <Notice kind="info">У всех в группе уже есть доступ. Сбросить пароль можно на странице группы.</Notice>
        ))}
    </section>
  );
}

/** The year rollover (decision 015): an exact preview, its date, and undo until the first mark of the new year. */
function RolloverStep() {
  const qc = useQueryClient();
  const me = useMe();
  const [shown, setShown] = useState(false);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [confirm, setConfirm] = useState(false);
  const preview = { query: { effectiveDate: effectiveDate || undefined } };
  const plan = useQuery({
    queryKey: keyOf('GET /rollover/preview', preview),
    queryFn: () => call('GET /rollover/preview', preview),
    enabled: shown,
  });
  const done = () => {
    setConfirm(false);
    setEffectiveDate('');
    void qc.invalidateQueries();
  };
  const apply = useMutation({
    mutationFn: (v: { orderNo: string }) =>
      call('POST /rollover', { body: { orderNo: v.orderNo, ...(effectiveDate ? { effectiveDate, confirm } : {}) } }),
    onSuccess: done,
  });
  const undo = useMutation({
    mutationFn: (v: { reason: string }) => call('POST /rollover/:id/undo', { params: { id: plan.data!.last!.id }, body: v }),
    onSuccess: () => {
      undoForm.setValues({ reason: '' });
      done();
    },
  });
  const applyForm = useForm({ orderNo: '' }, { error: apply.error, onSubmit: (v) => apply.mutate(v) });
  const undoForm = useForm({ reason: '' }, { error: undo.error, onSubmit: (v) => undo.mutate(v) });
  const p = plan.data;
  const err = fieldErrors(apply.error);
  const undoErr = fieldErrors(undo.error);
  const graduates = p?.graduate.reduce((n, g) => n + g.graduates.length, 0) ?? 0;
  return (
    <section id="rollover" className="panel" aria-labelledby="ro-h">
      <h2 id="ro-h" style={{ marginTop: 0 }}>
        4. Переход на новый учебный год
      </h2>
      <p className="small muted">
        Создаётся новый учебный год с двумя семестрами, группы переводятся на следующий курс, группы последнего курса выпускаются. Переход
        вступает в силу на следующий день после окончания учебного года: выполните его в этот день или позже — до него списки групп не
        меняются. Отменить переход можно, пока в журнале нового года нет ни одной отметки.
      </p>
      {apply.data && <Notice kind="ok">{apply.data.message}</Notice>}
      {undo.data && <Notice kind="ok">{undo.data.message}</Notice>}
      {!shown && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setShown(true)}>
            Показать, что будет сделано
          </button>
        </div>
      )}
      {plan.isLoading && (
        <p aria-busy="true" className="muted">
          Составляем план…
        </p>
      )}
      <ErrorNotice error={plan.error} />
      {p?.last && (
        <div className="card" aria-label="Последний переход">
          <p className="small" style={{ marginTop: 0 }}>
            Последний переход: из {p.last.fromYear} в {p.last.newYear}, с {dateRu(p.last.effectiveDate)}, приказ {p.last.orderNo} (
            {p.last.by}, {dateTimeRu(p.last.at, me.organization.timeZone)}){p.last.status === 'undone' ? ' — отменён.' : '.'}
          </p>
          {p.last.status === 'done' &&
            (p.last.canUndo ? (
              <form className="actions" {...undoForm.form}>
                <Field label="Почему переход отменяется" {...undoForm.field('reason')} />
                <button
                  type="submit"
                  className="secondary"
                  disabled={undo.isPending || !undoForm.values.reason.trim()}
                  style={{ alignSelf: 'flex-end' }}
                >
                  Отменить переход
                </button>
              </form>
            ) : (
              <p className="small muted">{p.last.undoBlockedBy}</p>
            ))}
          {undo.error != null && !Object.keys(undoErr).length && <ErrorNotice error={undo.error} />}
        </div>
      )}
      {p && (
        <div aria-label="Предпросмотр перехода">
          <p>
            Из учебного года {p.fromYear} — в <strong>{p.newYear.name}</strong> ({dateRu(p.newYear.startDate)} – {dateRu(p.newYear.endDate)}
            {p.newYear.exists ? ', уже создан' : ''}). Вступает в силу <strong>{dateRu(p.effectiveDate)}</strong>: выпускники остаются в
            списках по {dateRu(p.graduationDate)} включительно.
          </p>
          <p className="small">
            Семестры: {p.terms.map((t) => `${t.number}-й ${dateRu(t.startDate)} – ${dateRu(t.endDate)}`).join('; ')} ({p.termsSource}).
          </p>
          {p.problems.map((x, i) => (
            <Notice key={i} kind="warn">
              {x}
            </Notice>
          ))}
          {p.early && (
            <Notice kind="warn">
              Учебный год ещё идёт: переход вступает в силу {dateRu(p.boundary)}. Если перевод и выпуск нужно провести раньше (например,
              выпуск после ГИА), укажите дату вступления в силу — не позже сегодняшней — и подтвердите.
            </Notice>
          )}
          {(p.early || effectiveDate) && (
            <div className="form-row">
              <Field
                label="Дата вступления в силу"
                type="date"
                value={effectiveDate}
                onChange={(e) => {
                  setEffectiveDate(e.target.value);
                  setConfirm(false);
                }}
                error={err.effectiveDate}
              />
              {effectiveDate && p.early && (
                <label className="inline" style={{ alignSelf: 'flex-end' }}>
                  <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Подтверждаю переход до
                  окончания учебного года, с {dateRu(effectiveDate)}
                </label>
              )}
            </div>
          )}
          {err.confirm && <Notice kind="error">{err.confirm}</Notice>}
          <div className="cards">
            <div className="card">
              <h3>На следующий курс: {countRu(p.promote.length, NOUNS.group)}</h3>
              <ul className="small">
                {p.promote.map((g) => (
                  <li key={g.groupId}>
                    {g.name}: {g.fromCourse} → {g.toCourse} курс ({g.students} обуч.)
                  </li>
                ))}
              </ul>
            </div>
            <div className="card">
              <h3>
                Выпуск: {countRu(p.graduate.length, NOUNS.group)}, {countRu(graduates, NOUNS.student)}
              </h3>
              {p.graduate.map((g) => (
                <details key={g.groupId} className="small">
                  <summary>
                    {g.name}, {g.course}-й курс — выпускаются {g.graduates.length}
                    {g.staying ? `; ${g.staying} в академическом отпуске остаются в списке` : ''}
                  </summary>
                  <ol>
                    {g.graduates.map((x) => (
                      <li key={x.studentId}>{x.fullName}</li>
                    ))}
                  </ol>
                </details>
              ))}
            </div>
          </div>
          {!p.problems.length && (!p.early || (effectiveDate && confirm)) && (
            <form {...applyForm.form} className="actions">
              <Field label="Номер приказа о переводе и выпуске" {...applyForm.field('orderNo')} />
              <button type="submit" disabled={apply.isPending} style={{ alignSelf: 'flex-end' }}>
                Выполнить переход с {dateRu(p.effectiveDate)}
              </button>
            </form>
          )}
          <ErrorNotice error={apply.error} />
        </div>
      )}
    </section>
  );
}
