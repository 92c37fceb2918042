import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateRu, dateTimeRu, decimalRu, NOUNS, numberRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, Loading, Notice, SelectField } from '../../ui/index.js';

const sizeRu = (bytes: number) =>
  bytes < 1024 * 1024 ? `${numberRu(Math.max(1, Math.round(bytes / 1024)))} КБ` : `${decimalRu(bytes / 1024 / 1024, 1)} МБ`;

const STATUS_TITLES = { queued: 'в очереди', running: 'изготавливается', done: 'готов', failed: 'не изготовлен' } as const;

/** The year-end archive (п. 5.5): a closed year's files by group, the batch that makes them, the whole college as one zip. */
export function ArchivePage() {
  usePageTitle('Архив учебных годов', 'archive');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const years = useQuery({ queryKey: keyOf('GET /archive/years'), queryFn: () => call('GET /archive/years') });
  const closed = (years.data ?? []).filter((y) => y.status === 'archived' || y.batch);
  const yearId = Number(params.get('year')) || closed[0]?.id || 0;
  const req = { params: { id: yearId } };
  const archive = useQuery({
    queryKey: keyOf('GET /archive/years/:id', req),
    queryFn: () => call('GET /archive/years/:id', req),
    enabled: yearId > 0,
    // While the archive is being made, its progress is asked for every two seconds.
    refetchInterval: (q) => (q.state.data?.batch && ['queued', 'running'].includes(q.state.data.batch.status) ? 2000 : false),
  });
  const a = archive.data;
  const b = a?.batch;
  const files = a?.groups.reduce((n, g) => n + g.files.length, 0) ?? 0;
  return (
    <>
      <h1>Архив учебных годов</h1>
      {years.isLoading && <Loading />}
      <ErrorNotice error={years.error ?? archive.error} />
      {years.data && !closed.length && <Empty>Закрытых учебных годов нет. Год закрывают после его окончания в разделе «Структура».</Empty>}
      {closed.length > 0 && (
        <div className="form-row">
          <SelectField label="Учебный год" value={String(yearId)} onChange={(e) => setParams({ year: e.target.value })}>
            {closed.map((y) => (
              <option key={y.id} value={y.id}>
                {y.name}
                {y.status === 'archived' ? '' : ' (открыт снова)'}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {a && (
        <section className="panel" aria-labelledby="archive-h">
          <h2 id="archive-h" style={{ marginTop: 0 }}>
            Учебный год {a.year.name}
          </h2>
          <p>
            {dateRu(a.year.startDate)} – {dateRu(a.year.endDate)}.{' '}
            {a.year.status === 'archived'
              ? `Закрыт ${dateTimeRu(a.year.closedAt, me.organization.timeZone)}${a.year.closedByName ? `, ${a.year.closedByName}` : ''}: записи года только для чтения.`
              : 'Год открыт снова: записи можно изменять; архив ниже — на момент прошлого закрытия.'}
          </p>
          {!b && <Notice kind="warn">Архив этого года не изготавливался.</Notice>}
          {b && (
            <div aria-live="polite">
              <p>
                Архив: <strong>{STATUS_TITLES[b.status]}</strong>
                {b.totalSteps > 0 && ` — ${numberRu(b.doneSteps)} из ${countRu(b.totalSteps, NOUNS.group)}`}
                {b.finishedAt && `, ${dateTimeRu(b.finishedAt, me.organization.timeZone)}`}
              </p>
              {(b.status === 'queued' || b.status === 'running') && (
                <progress aria-label="Ход изготовления архива" max={Math.max(b.totalSteps, 1)} value={b.doneSteps} />
              )}
              {b.status === 'failed' && <Notice kind="error">Архив не изготовлен: {b.error}</Notice>}
              {b.status === 'done' && (
                <p>
                  <a className="button" href={hrefOf('GET /archive/years/:id/archive.zip', req)} download>
                    Скачать архив колледжа (zip)
                  </a>{' '}
                  <span className="muted small">{countRu(files, NOUNS.file)} по папкам групп и контрольные суммы SHA256SUMS</span>
                </p>
              )}
            </div>
          )}
          {a.groups.length > 0 && (
            <DataTable
              caption="Файлы архива по группам"
              rows={a.groups}
              rowKey={(g) => g.groupId ?? 0}
              columns={[
                { key: 'group', title: 'Группа', cell: (g) => g.groupName },
                {
                  key: 'files',
                  title: 'Файлы',
                  cell: (g) =>
                    g.files.map((f) => (
                      <div key={f.id}>
                        <a href={hrefOf('GET /archive/files/:id', { params: { id: f.id } })} download>
                          {f.name}
                        </a>{' '}
                        <span className="muted small">{sizeRu(f.size)}</span>
                      </div>
                    )),
                },
                {
                  key: 'sha',
                  title: 'SHA-256',
                  className: 'small',
                  cell: (g) =>
                    g.files.map((f) => (
                      <div key={f.id}>
                        <code>{f.sha256}</code>
                      </div>
                    )),
                },
              ]}
            />
          )}
        </section>
      )}
    </>
  );
}
