import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { BackupOverview } from '../../../../src/contracts/backup.js';
import { sizeRu } from '../../../../src/domain/backup.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';

// Backups of the installation (п. 3.1, 3.3; decision 037): the latest copies and where they went,
// an alert when the last one failed or none was made for 26 hours, a copy on demand, the version.

const STATUS = { running: 'делается', ok: 'готова', failed: 'не удалась' } as const;
const PLACE = { dir: 'папка', mirror: 'второй диск', s3: 'хранилище S3' } as const;
const TRIGGER: Record<string, string> = { schedule: 'по расписанию', manual: 'вручную', cli: 'командой' };

function useBackups() {
  return useQuery({
    queryKey: keyOf('GET /backups'),
    queryFn: () => call('GET /backups'),
    // While a copy is being made, its state is asked for every two seconds.
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === 'running') ? 2000 : false),
  });
}

function AlertNotice({ o, tz }: { o: BackupOverview; tz: string }) {
  if (!o.alert) return null;
  return o.alert.kind === 'failed' ? (
    <Notice kind="error">
      Резервная копия {dateTimeRu(o.alert.at, tz)} не удалась: {o.alert.error}. Проверьте место хранения и сделайте копию снова.
    </Notice>
  ) : (
    <Notice kind="error">
      {o.alert.lastOkAt
        ? `Последняя удачная резервная копия — ${dateTimeRu(o.alert.lastOkAt, tz)}: больше суток назад.`
        : 'Удачных резервных копий ещё нет.'}{' '}
      Проверьте, что сервер работает, и сделайте копию вручную.
    </Notice>
  );
}

function MakeButton() {
  const qc = useQueryClient();
  const make = useMutation({
    mutationFn: () => call('POST /backups'),
    onSettled: () => qc.invalidateQueries({ queryKey: keyOf('GET /backups') }),
  });
  return (
    <>
      <button type="button" onClick={() => make.mutate()} disabled={make.isPending}>
        Сделать копию сейчас
      </button>
      {make.isSuccess && <Notice kind="ok">Копия начата: её состояние — в списке ниже.</Notice>}
      <ErrorNotice error={make.error} />
    </>
  );
}

/** The administrator's home: the state of the backups and an alert when they are failing. */
export function BackupsHomePanel() {
  const me = useMe();
  const q = useBackups();
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const o = q.data;
  const tz = me.organization.timeZone;
  return (
    <section className="panel" aria-label="Резервные копии">
      <h2 style={{ marginTop: 0 }}>Резервные копии</h2>
      <AlertNotice o={o} tz={tz} />
      {o.items.length === 0 ? (
        <p>
          Копий ещё нет: первая будет сделана в {o.schedule.at} ({o.schedule.timeZone}).
        </p>
      ) : (
        <ul>
          {o.items.slice(0, 3).map((b) => (
            <li key={b.id}>
              {dateTimeRu(b.startedAt, tz)} — {STATUS[b.status]}
              {b.size !== null && <span className="muted small"> ({sizeRu(b.size)})</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="small">
        <Link to="/backups">Все копии и места хранения →</Link> <span className="muted">Версия программы {o.version}.</span>
      </p>
    </section>
  );
}

/** The backups page: the latest copies, where each went, the schedule, retention and the version (п. 3.1). */
export function BackupsPage() {
  usePageTitle('Резервные копии', 'backup');
  const me = useMe();
  const q = useBackups();
  const tz = me.organization.timeZone;
  const o = q.data;
  return (
    <>
      <h1>Резервные копии</h1>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {o && (
        <>
          <AlertNotice o={o} tz={tz} />
          <section className="panel" aria-labelledby="backup-settings-h">
            <h2 id="backup-settings-h" style={{ marginTop: 0 }}>
              Расписание и места хранения
            </h2>
            <p>
              Копия базы делается ежедневно в {o.schedule.at} ({o.schedule.timeZone}) и записывается:{' '}
              {o.destinations.map((d) => `${PLACE[d.kind]} ${d.target}`).join('; ')}. Срок хранения (по одной копии на день, неделю, месяц):
              дни — {o.retention.daily}, недели — {o.retention.weekly}, месяцы — {o.retention.monthly}.
            </p>
            <p>Версия программы: {o.version}.</p>
            {can(me, 'backup:make') && <MakeButton />}
          </section>
          {o.items.length === 0 ? (
            <Empty>Копий ещё нет. Первая будет сделана по расписанию; можно сделать её сейчас кнопкой выше.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="list">
                <caption className="sr-only">Последние резервные копии</caption>
                <thead>
                  <tr>
                    <th scope="col">Начата</th>
                    <th scope="col">Состояние</th>
                    <th scope="col">Размер</th>
                    <th scope="col">Места хранения</th>
                    <th scope="col">Схема, версия</th>
                  </tr>
                </thead>
                <tbody>
                  {o.items.map((b) => (
                    <tr key={b.id}>
                      <td>
                        {dateTimeRu(b.startedAt, tz)}
                        <div className="muted small">{TRIGGER[b.trigger] ?? b.trigger}</div>
                      </td>
                      <td>
                        {STATUS[b.status]}
                        {b.pruned && <div className="muted small">удалена по сроку хранения</div>}
                        {b.error && <div className="small">{b.error}</div>}
                      </td>
                      <td>{b.size === null ? '—' : sizeRu(b.size)}</td>
                      <td>
                        {b.destinations.map((d) => (
                          <div key={d.kind} className="small">
                            {PLACE[d.kind]}: {d.ok ? 'записана' : `ошибка — ${d.error}`}
                          </div>
                        ))}
                        <div className="muted small">{b.fileName}</div>
                      </td>
                      <td className="small">
                        {b.schemaVersion ?? '—'}, {b.productVersion}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
