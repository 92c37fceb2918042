import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PLX_MAX_MB, type PlxImportResult } from '../../../../src/contracts/curriculum.js';
import { call, keyOf } from '../../api.js';
import { ErrorNotice, Loading, Notice, SelectField } from '../../ui/index.js';
import { countRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { fileToBase64 } from '../../ui/files.js';
import { CalendarSummary, CycleTotalsTable } from './plx-views.js';

const CHANGE_TITLES: Record<PlxImportResult['changes'][number]['change'], string> = {
  add: 'добавится',
  update: 'изменится',
  remove: 'удалится',
  keep: 'останется',
};

/** The methodist loads a curriculum saved by «Планы»: a dry run first, then everything or nothing. */
export function PlxImportPage() {
  usePageTitle('Загрузка учебного плана из «Планов»', 'curricula');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const programs = useQuery({ queryKey: keyOf('GET /curricula'), queryFn: () => call('GET /curricula') });
  const [programId, setProgramId] = useState<number | null>(null);
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: ({ f, pid, dryRun }: { f: { name: string; content: string }; pid: number | null; dryRun: boolean }) =>
      call('POST /curricula/import-plx', {
        body: { programId: pid, fileName: f.name, contentBase64: f.content, dryRun, confirm: !dryRun && confirm },
      }),
    onSuccess: (r) => {
      if (r.applied && r.curriculumId) {
        void qc.invalidateQueries({ queryKey: ['GET /curricula'] });
        void qc.invalidateQueries({ queryKey: keyOf('GET /curricula/:id', { params: { id: r.curriculumId } }) });
        void navigate(`/curriculum/${r.curriculumId}`, { state: { notice: r.message } });
      }
    },
  });
  const check = (f: { name: string; content: string }, pid: number | null) => {
    setConfirm(false);
    run.mutate({ f, pid, dryRun: true });
  };
  if (programs.isLoading) return <Loading />;
  const r = run.data && run.data.dryRun ? run.data : null;
  return (
    <>
      <p className="small no-print">
        <Link to="/curriculum">← Учебные планы</Link>
      </p>
      <h1>Загрузка учебного плана из «Планов»</h1>
      <p className="muted small">
        Выберите файл .plx, который сохраняет программа «Планы», — не больше {PLX_MAX_MB} МБ. Сначала файл только проверяется: вы увидите,
        какой план будет создан или что изменится в имеющемся (план ищется по специальности и году набора), итоги по циклам и семестрам и
        строки, которые не взяты. Загрузка выполняется целиком или не выполняется вовсе. Вместе с планом загружается график учебного
        процесса: по нему задаются недели семестров и сроки семестров нового учебного года.
      </p>
      <div className="panel no-print">
        <div className="form-row">
          <SelectField
            label="Специальность (профессия)"
            value={programId ?? ''}
            onChange={(e) => {
              const v = e.target.value ? Number(e.target.value) : null;
              setProgramId(v);
              if (file) check(file, v);
            }}
          >
            <option value="">По шифру из файла</option>
            {(programs.data?.programs ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} {p.name}
              </option>
            ))}
          </SelectField>
          <div>
            <label htmlFor="plx-file">Файл учебного плана (.plx, до {PLX_MAX_MB} МБ)</label>
            <input
              id="plx-file"
              type="file"
              accept=".plx"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                setTooBig(null);
                if (f.size > PLX_MAX_MB * 1024 * 1024) {
                  setFile(null);
                  run.reset();
                  setTooBig(`Файл «${f.name}» больше ${PLX_MAX_MB} МБ — это не учебный план «Планов». Проверьте, что выбран нужный файл.`);
                  return;
                }
                const loaded = { name: f.name, content: await fileToBase64(f) };
                setFile(loaded);
                check(loaded, programId);
              }}
            />
          </div>
        </div>
        {run.isPending && (
          <p className="small muted" role="status">
            Проверяем файл…
          </p>
        )}
        {tooBig && <Notice kind="error">{tooBig}</Notice>}
        <ErrorNotice error={run.error} />
      </div>
      {r && file && (
        <section aria-label="Результат проверки">
          <Notice kind={r.needsConfirmation ? 'warn' : 'info'}>{r.message}</Notice>
          <dl className="facts">
            <dt>Специальность</dt>
            <dd>
              {r.program.code} {r.program.name}
              {r.program.id ? '' : ' (будет создана)'}
            </dd>
            <dt>Квалификация</dt>
            <dd>{r.program.qualification || '—'}</dd>
            <dt>Форма обучения</dt>
            <dd>{r.program.studyForm}</dd>
            <dt>Срок обучения</dt>
            <dd>
              {r.program.duration || '—'}, семестров: {r.program.semesters}
            </dd>
            <dt>Год набора</dt>
            <dd>{r.program.intakeYear}</dd>
            <dt>Учебный план</dt>
            <dd>
              {r.curriculum.name} —{' '}
              {!r.curriculum.exists
                ? 'будет создан'
                : r.changes.length
                  ? 'уже есть, будет обновлён'
                  : 'уже есть, строки совпадают с файлом'}
            </dd>
          </dl>
          <p>
            Строк плана в файле: {r.counts.items}. Добавится: {r.counts.add}, изменится: {r.counts.update}, удалится: {r.counts.remove},
            останется без изменений: {r.counts.unchanged}
            {r.counts.keep ? `, останется, хотя нет в файле: ${r.counts.keep}` : ''}.
          </p>
          {r.curriculum.exists && r.changes.length > 0 && (
            <>
              <h2>Изменения в имеющемся плане</h2>
              <div className="table-wrap">
                <table className="list" aria-label="Изменения">
                  <thead>
                    <tr>
                      <th>Индекс</th>
                      <th>Наименование</th>
                      <th>Что будет</th>
                      <th>Подробно</th>
                      <th>Нагрузка и занятия</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.changes.map((c) => (
                      <tr key={`${c.code}-${c.change}`}>
                        <td>{c.code}</td>
                        <td>{c.name}</td>
                        <td>{CHANGE_TITLES[c.change]}</td>
                        <td className="small">{c.details.join('; ')}</td>
                        <td className="small">
                          {c.assignments || c.lessons ? (
                            <span className="badge warn">
                              {countRu(c.assignments, ['строка нагрузки', 'строки нагрузки', 'строк нагрузки'])},{' '}
                              {countRu(c.lessons, ['занятие', 'занятия', 'занятий'])}
                            </span>
                          ) : (
                            ''
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {r.skipped.length > 0 && (
            <Notice kind="warn">
              Не взято из файла — {countRu(r.skipped.length, ['строка', 'строки', 'строк'])}:
              <ul className="missing">
                {r.skipped.map((x, i) => (
                  <li key={i}>
                    <strong>{x.index}</strong>: {x.reason}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {r.notes.length > 0 && (
            <details className="panel">
              <summary>Замечания к файлу ({r.notes.length})</summary>
              <ul className="small">
                {r.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <h2>Итоги по циклам и семестрам</h2>
          <p className="small muted">
            «План» — часы, которые будут в журнале; «Файл» — графа «Итого» файла «Планов». Сверьте их с бумажным планом.
          </p>
          <CycleTotalsTable rows={r.cycleTotals} caption="Итоги по циклам и семестрам" />
          {r.calendarSemesters.length > 0 && (
            <>
              <h2>График учебного процесса, недель</h2>
              <CalendarSummary semesters={r.calendarSemesters} />
            </>
          )}
          <div className="panel no-print">
            {r.needsConfirmation && (
              <label className="check">
                <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Подтверждаю изменения плана, по
                которому уже распределена нагрузка ({r.curriculum.assignments}) и записаны занятия ({r.curriculum.lessons})
              </label>
            )}
            <div className="actions">
              <button
                type="button"
                disabled={run.isPending || (r.needsConfirmation && !confirm)}
                onClick={() => run.mutate({ f: file, pid: programId, dryRun: false })}
              >
                {r.curriculum.exists ? 'Обновить учебный план' : 'Загрузить учебный план'}
              </button>
            </div>
          </div>
        </section>
      )}
    </>
  );
}
