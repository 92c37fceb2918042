import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Curriculum, CurriculumItem, ImportResult, TermHours } from '../../../../src/contracts/curriculum.js';
import { limitText, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import {
  ATTESTATION_FORM_TITLES,
  ATTESTATION_FORMS,
  classroomHours,
  CYCLE_TITLES,
  HOUR_KIND_SHORT,
  HOUR_KIND_TITLES,
  HOUR_KINDS,
  zeroHours,
  type AttestationForm,
  type Cycle,
} from '../../../../src/domain/curriculum.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { useForm } from '../../ui/form.js';
import { hasKept } from '../../unsaved.js';
import { ErrorNotice, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { formatRu, localDateTime } from '../../../../src/domain/dates.js';
import { useMe } from '../../auth.js';
import { CONTROL_FORM_TITLES, STUDY_FORM_TITLES, type StudyForm } from '../../../../src/domain/plx.js';
import { Download } from './common.js';
import { ImportPanel, useImport } from '../../ui/import-panel.js';
import { CalendarGrid, CalendarSummary, CycleTotalsTable } from './plx-views.js';
import { numberRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';

const TERMS = [1, 2, 3, 4, 5, 6, 7, 8];
const curriculumKey = (id: number) => keyOf('GET /curricula/:id', { params: { id } });

/** A curriculum: items by cycle with hours per term, totals and weekly load; entry, import, export. */
export function CurriculumPage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: keyOf('GET /curricula/:id', { params: { id } }),
    queryFn: () => call('GET /curricula/:id', { params: { id } }),
  });
  usePageTitle(q.data ? `Учебный план ${q.data.name}` : 'Учебный план', 'curricula');
  const list = useQuery({ queryKey: keyOf('GET /curricula'), queryFn: () => call('GET /curricula') });
  const me = useMe();
  const [editing, setEditing] = useState<CurriculumItem | 'new' | null>(null);
  const location = useLocation();
  const [done, setDone] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  // A form left open when the session ended opens again with what was typed in it (ItemForm keeps it).
  const reopened = useRef(false);
  useEffect(() => {
    if (!q.data || reopened.current) return;
    reopened.current = true;
    const c = q.data;
    if (hasKept(itemKeepKey(c.id, null))) setEditing('new');
    else setEditing(c.items.find((i) => hasKept(itemKeepKey(c.id, i.id))) ?? null);
  }, [q.data]);
  if (q.isLoading) return <Loading />;
  if (q.error)
    return (
      <>
        <p className="small">
          <Link to="/curriculum">← Учебные планы</Link>
        </p>
        <ErrorNotice error={q.error} />
      </>
    );
  const c = q.data!;
  const cycles = [...new Set(c.items.filter((i) => !i.parentId).map((i) => i.cycle))];
  const children = (pid: number) => c.items.filter((i) => i.parentId === pid);
  const row = (i: CurriculumItem, child = false) => (
    <tr key={i.id} className={i.kind === 'module' ? 'module-row' : ''}>
      <td className={child ? 'indent' : ''}>{i.code}</td>
      <td>
        {i.name}
        {i.commissionName && <div className="small muted">{i.commissionName}</div>}
      </td>
      {TERMS.map((t) => {
        const th = i.terms.find((x) => x.termNo === t);
        return (
          <td key={t} className="num-cell">
            {th ? (
              <>
                {classroomHours(th.hours) || ''}
                {th.form || th.extraForms?.length ? (
                  <div className="small">
                    {th.form && <abbr title={ATTESTATION_FORM_TITLES[th.form]}>{th.form}</abbr>}
                    {th.extraForms?.map((f) => (
                      <abbr key={f} title={CONTROL_FORM_TITLES[f]}>
                        {th.form ? '+' : ''}
                        {f}
                      </abbr>
                    ))}
                  </div>
                ) : null}
              </>
            ) : (
              ''
            )}
          </td>
        );
      })}
      <td className="num-cell">
        <strong>{classroomHours(i.total) ? numberRu(classroomHours(i.total)) : ''}</strong>
      </td>
      <td className="num-cell">{i.total.self_study || ''}</td>
      <td className="num-cell">{i.assignments || ''}</td>
      {c.canEdit && (
        <td className="row-tools no-print">
          <button
            type="button"
            className="secondary"
            aria-label={`Изменить ${i.code}`}
            onClick={() => {
              setEditing(i);
              setDone(null);
            }}
          >
            Изменить
          </button>
        </td>
      )}
    </tr>
  );
  return (
    <>
      <p className="small no-print">
        <Link to="/curriculum">← Учебные планы</Link>
      </p>
      <h1>{c.name}</h1>
      <p className="muted">
        {c.programCode} {c.programName} · год набора {c.intakeYear} · группы: {c.groups.map((g) => g.name).join(', ') || 'нет'} ·{' '}
        <span className={`badge ${c.status === 'approved' ? 'ok' : ''}`}>{c.status === 'approved' ? 'Утверждён' : 'Черновик'}</span>
      </p>
      {c.sourceFile && (
        <p className="small muted">
          Загружен из «Планов»: файл «{c.sourceFile}»
          {c.importedAt ? `, ${formatRu(localDateTime(me.organization.timeZone, new Date(c.importedAt)).date)}` : ''}
          {c.studyForm ? ` · форма обучения: ${STUDY_FORM_TITLES[c.studyForm as StudyForm] ?? c.studyForm}` : ''}.
        </p>
      )}
      {done && <Notice kind="ok">{done}</Notice>}
      <div className="actions no-print">
        <Download href={hrefOf('GET /curricula/:id/export.xlsx', { params: { id: c.id } })}>Выгрузить в XLSX</Download>
        <Download href={hrefOf('GET /curricula/template.xlsx')}>Шаблон XLSX</Download>
        {c.canEdit && (
          <button
            type="button"
            onClick={() => {
              setEditing('new');
              setDone(null);
            }}
          >
            Добавить дисциплину
          </button>
        )}
        {c.canEdit && <StatusButton c={c} onDone={setDone} />}
      </div>
      {c.canEdit && editing && (
        <ItemForm
          key={editing === 'new' ? 'new' : editing.id}
          c={c}
          item={editing === 'new' ? null : editing}
          commissions={list.data?.commissions ?? []}
          onDone={(t) => {
            setEditing(null);
            setDone(t);
          }}
        />
      )}
      {c.canEdit && <ItemsImport c={c} onDone={setDone} />}
      {!c.items.length ? (
        <Notice kind="info">
          В плане ещё нет дисциплин.{' '}
          {c.canEdit ? 'Загрузите их из XLSX (скачайте шаблон) или добавьте по одной кнопкой «Добавить дисциплину».' : ''}
        </Notice>
      ) : (
        <div className="table-wrap">
          <table className="list curriculum-table">
            <thead>
              <tr>
                <th rowSpan={2}>Индекс</th>
                <th rowSpan={2}>Наименование</th>
                <th colSpan={8}>Аудиторные часы и форма аттестации по семестрам</th>
                <th rowSpan={2}>Всего ауд.</th>
                <th rowSpan={2}>СР</th>
                <th rowSpan={2}>Нагрузка, строк</th>
                {c.canEdit && (
                  <th rowSpan={2} className="no-print">
                    <span className="sr-only">Действия</span>
                  </th>
                )}
              </tr>
              <tr>
                {TERMS.map((t) => (
                  <th key={t} className="num-cell">
                    {t}
                  </th>
                ))}
              </tr>
            </thead>
            {cycles.map((cy) => (
              <tbody key={cy}>
                <tr className="cycle-row">
                  <td colSpan={13 + (c.canEdit ? 1 : 0)}>
                    {cy} — {CYCLE_TITLES[cy as Cycle] ?? cy}
                  </td>
                </tr>
                {c.items
                  .filter((i) => !i.parentId && i.cycle === cy)
                  .flatMap((i) => [row(i), ...children(i.id).map((ch) => row(ch, true))])}
              </tbody>
            ))}
            <tfoot>
              <tr>
                <th colSpan={2}>Всего аудиторных часов</th>
                {c.totals.map((t) => (
                  <th key={t.termNo} className="num-cell">
                    {classroomHours(t.hours) || ''}
                  </th>
                ))}
                <th className="num-cell">{numberRu(c.totals.reduce((s, t) => s + classroomHours(t.hours), 0))}</th>
                <th colSpan={3 + (c.canEdit ? 1 : 0)} />
              </tr>
              <tr>
                <th colSpan={2}>Недельная нагрузка, ч ({c.termWeeks.join('/')} нед.)</th>
                {c.totals.map((t) => (
                  <th key={t.termNo} className="num-cell">
                    {t.weeklyLoad ? numberRu(t.weeklyLoad) : ''}
                  </th>
                ))}
                <th colSpan={4 + (c.canEdit ? 1 : 0)} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {c.items.length > 0 && (
        <section aria-labelledby="cycle-totals">
          <h2 id="cycle-totals">Итоги по циклам и семестрам</h2>
          <p className="small muted">
            Все часы учебного плана (обязательная нагрузка, самостоятельная работа, консультации и промежуточная аттестация)
            {c.sourceFile ? '; рядом — графа «Итого» файла «Планов», чтобы сверить загрузку с бумажным планом' : ''}.
          </p>
          <CycleTotalsTable rows={c.cycleTotals} caption="Итоги по циклам и семестрам" />
        </section>
      )}
      <section aria-labelledby="calendar">
        <h2 id="calendar">График учебного процесса</h2>
        {c.calendar ? (
          <>
            <CalendarGrid calendar={c.calendar} intakeYear={c.intakeYear} />
            <CalendarSummary semesters={c.calendarSemesters} />
            <p className="small muted">
              По графику заданы недели обучения семестров (для недельной нагрузки) и сроки семестров при переходе на новый учебный год.
            </p>
          </>
        ) : (
          <p className="small muted">
            Графика нет: он загружается вместе с учебным планом из файла «Планов» (.plx) на странице «Учебные планы».
          </p>
        )}
      </section>
      {c.canEdit && <WeeksForm c={c} onDone={setDone} />}
    </>
  );
}

function StatusButton({ c, onDone }: { c: Curriculum; onDone(t: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () =>
      call('PATCH /curricula/:id', { params: { id: c.id }, body: { status: c.status === 'approved' ? 'draft' : 'approved' } }),
    onSuccess: (r) => {
      qc.setQueryData(curriculumKey(c.id), r);
      void qc.invalidateQueries({ queryKey: ['GET /curricula'] });
      onDone(r.status === 'approved' ? 'Учебный план утверждён.' : 'Учебный план снова черновик.');
    },
  });
  return (
    <button type="button" className="secondary" disabled={m.isPending} onClick={() => m.mutate()}>
      {c.status === 'approved' ? 'Вернуть в черновик' : 'Утвердить учебный план'}
    </button>
  );
}

type ItemValues = { code: string; name: string; commissionId: string; terms: TermHours[] };
const itemKeepKey = (curriculumId: number, itemId: number | null) => `curriculum.${curriculumId}.item.${itemId ?? 'new'}`;

function ItemForm({
  c,
  item,
  commissions,
  onDone,
}: {
  c: Curriculum;
  item: CurriculumItem | null;
  commissions: { id: number; name: string }[];
  onDone(t: string): void;
}) {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: ItemValues) => {
      const body = {
        code: v.code,
        name: v.name,
        commissionId: v.commissionId ? Number(v.commissionId) : null,
        terms: v.terms.filter((t) => t.form || HOUR_KINDS.some((k) => t.hours[k] > 0)),
      };
      return item
        ? call('PUT /curricula/:id/items/:itemId', { params: { id: c.id, itemId: item.id }, body })
        : call('POST /curricula/:id/items', { params: { id: c.id }, body });
    },
    onSuccess: (r, v) => {
      qc.setQueryData(curriculumKey(c.id), r);
      onDone(`${item ? 'Изменено' : 'Добавлено'}: ${v.code} ${v.name}.`);
    },
  });
  const remove = useMutation({
    mutationFn: () => call('DELETE /curricula/:id/items/:itemId', { params: { id: c.id, itemId: item!.id } }),
    onSuccess: (r) => {
      qc.setQueryData(curriculumKey(c.id), r);
      onDone(`Удалено из плана: ${item!.code} ${item!.name}.`);
    },
  });
  const form = useForm<ItemValues>(
    {
      code: item?.code ?? '',
      name: item?.name ?? '',
      commissionId: item?.commissionId ? String(item.commissionId) : '',
      terms: TERMS.map((t) => item?.terms.find((x) => x.termNo === t) ?? { termNo: t, hours: zeroHours(), form: null }),
    },
    { error: save.error, onSubmit: (v) => save.mutate(v), keep: itemKeepKey(c.id, item?.id ?? null) },
  );
  const terms = form.values.terms;
  const setTerms = (f: (ts: TermHours[]) => TermHours[]) => form.setValues((v) => ({ ...v, terms: f(v.terms) }));
  const setHour = (termNo: number, kind: (typeof HOUR_KINDS)[number], v: number) =>
    setTerms((ts) => ts.map((t) => (t.termNo === termNo ? { ...t, hours: { ...t.hours, [kind]: v } } : t)));
  return (
    <form className="panel no-print" {...form.form} aria-label={item ? `Изменить ${item.code}` : 'Новая дисциплина'}>
      <strong>{item ? `Изменить: ${item.code} ${item.name}` : 'Новая дисциплина, МДК, практика или модуль'}</strong>
      <KeptNote shown={form.restored} />
      <div className="form-row">
        <Field label="Индекс" type="text" placeholder="ОП.03, МДК.01.02, УП.01" {...form.field('code')} />
        <div style={{ gridColumn: 'span 2' }}>
          <Field label="Наименование" type="text" {...form.field('name')} />
        </div>
        <SelectField label="ПЦК (председатель согласует КТП)" {...form.field('commissionId')}>
          <option value="">Не указана</option>
          {commissions.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="small muted">МДК, УП и ПП попадают в свой модуль по номеру (МДК.01.02 → ПМ.01). Часы — за семестр.</p>
      <div className="table-wrap">
        <table className="list term-grid">
          <thead>
            <tr>
              <th>Семестр</th>
              {HOUR_KINDS.map((k) => (
                <th key={k}>
                  <abbr title={HOUR_KIND_TITLES[k]}>{HOUR_KIND_SHORT[k]}</abbr>
                </th>
              ))}
              <th>Форма</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((t) => (
              <tr key={t.termNo}>
                <td>{t.termNo}</td>
                {HOUR_KINDS.map((k) => (
                  <td key={k}>
                    <input
                      type="number"
                      min={0}
                      className="num"
                      aria-label={`${HOUR_KIND_TITLES[k]}, ${t.termNo}-й семестр`}
                      value={t.hours[k] || ''}
                      onChange={(e) => setHour(t.termNo, k, Number(e.target.value) || 0)}
                    />
                  </td>
                ))}
                <td>
                  <select
                    aria-label={`Форма аттестации, ${t.termNo}-й семестр`}
                    value={t.form ?? ''}
                    onChange={(e) =>
                      setTerms((ts) =>
                        ts.map((x) => (x.termNo === t.termNo ? { ...x, form: (e.target.value || null) as AttestationForm | null } : x)),
                      )
                    }
                  >
                    <option value="">—</option>
                    {ATTESTATION_FORMS.map((f) => (
                      <option key={f} value={f}>
                        {f} — {ATTESTATION_FORM_TITLES[f]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorNotice error={save.error ?? remove.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending || !form.values.code || !form.values.name}>
          {item ? 'Сохранить' : 'Добавить'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone('')}>
          Отмена
        </button>
        {item && (
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Удалить ${item.code} ${item.name} из плана?`)) remove.mutate();
            }}
          >
            Удалить из плана
          </button>
        )}
      </div>
    </form>
  );
}

function ItemsImport({ c, onDone }: { c: Curriculum; onDone(t: string): void }) {
  const qc = useQueryClient();
  const imp = useImport((body, dryRun) => call('POST /curricula/:id/import', { params: { id: c.id }, body: { ...body, dryRun } }), {
    onApplied: (r) => {
      if (r.errors.length) return;
      void qc.invalidateQueries({ queryKey: curriculumKey(c.id) });
      onDone(`Загружено из «${imp.file}»: ${importCounts(r, false)}.`);
    },
  });
  return (
    <details className="panel no-print">
      <summary>Загрузить дисциплины из XLSX</summary>
      <p className="small muted">
        Одна строка — дисциплина и семестр (колонки как в шаблоне). Дисциплины ищутся по индексу: новые добавляются, имеющиеся обновляются,
        остальные не трогаются. Сначала файл проверяется, ничего не записывая.
      </p>
      <ImportPanel
        imp={imp}
        label={`Файл учебного плана (XLSX, ${limitText(UPLOAD_LIMITS.curriculum)})`}
        accept=".xlsx"
        checkOnPick
        applyLabel="Загрузить в учебный план"
        canApply={(r) => !r.errors.length}
        report={(r, checked) => <ItemsReport r={r} checked={checked} />}
      />
    </details>
  );
}

/** «будет добавлено 2, обновлено 1; без изменений — 51»: what an import of items changes, or does not. */
function importCounts(r: ImportResult, future: boolean) {
  const changes = [r.created && `добавлено ${numberRu(r.created)}`, r.updated && `обновлено ${numberRu(r.updated)}`]
    .filter(Boolean)
    .join(', ');
  if (!changes) return 'в плане всё уже как в файле';
  return `${future ? 'будет ' : ''}${changes}${r.unchanged ? `; без изменений — ${numberRu(r.unchanged)}` : ''}`;
}

function ItemsReport({ r, checked }: { r: ImportResult; checked: boolean }) {
  if (r.errors.length) {
    return (
      <Notice kind="error">
        Файл не загружен — исправьте строки:
        <ul className="missing">
          {r.errors.map((e) => (
            <li key={`${e.row}-${e.message}`}>
              {e.row ? `Строка ${e.row}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      </Notice>
    );
  }
  return checked ? <Notice kind="info">Проверка пройдена: {importCounts(r, true)}.</Notice> : null;
}

function WeeksForm({ c, onDone }: { c: Curriculum; onDone(t: string): void }) {
  const qc = useQueryClient();
  const [weeks, setWeeks] = useState(c.termWeeks);
  const save = useMutation({
    mutationFn: () => call('PATCH /curricula/:id', { params: { id: c.id }, body: { termWeeks: weeks } }),
    onSuccess: (r) => {
      qc.setQueryData(curriculumKey(c.id), r);
      onDone('Недели обучения сохранены: недельная нагрузка пересчитана.');
    },
  });
  return (
    <details className="panel no-print">
      <summary>Недели теоретического обучения по семестрам</summary>
      <div className="weeks">
        {TERMS.map((t, i) => (
          <div key={t}>
            <label htmlFor={`weeks-${t}`}>{t}-й</label>
            <input
              id={`weeks-${t}`}
              type="number"
              min={1}
              max={30}
              className="num"
              value={weeks[i]}
              onChange={(e) => setWeeks(weeks.map((w, j) => (j === i ? Number(e.target.value) : w)))}
            />
          </div>
        ))}
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="button" disabled={save.isPending} onClick={() => save.mutate()}>
          Сохранить недели
        </button>
      </div>
    </details>
  );
}
