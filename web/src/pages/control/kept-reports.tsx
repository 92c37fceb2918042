import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReportList } from '../../../../src/contracts/control-reports.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice } from '../../ui/index.js';

// Reports kept by the scheduled jobs (at the end of a term and a year, on the 1st of a month) or on
// demand: what was made, by whom or «сделан автоматически», and when; each opens its period.

type Item = ReportList['items'][number];

export function KeptReports({ kinds, to, title }: { kinds: string[]; to: (r: Item) => string; title: string }) {
  const me = useMe();
  const allowed = can(me, 'control:reports:read');
  const q = useQuery({
    queryKey: ['kept-reports', ...kinds.map((kind) => keyOf('GET /control/reports', { query: { kind } }))],
    queryFn: async () =>
      (await Promise.all(kinds.map((kind) => call('GET /control/reports', { query: { kind } })))).flatMap((r) => r.items),
    enabled: allowed,
  });
  if (!allowed || !q.data?.length) return <ErrorNotice error={q.error} />;
  const items = [...q.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <DataTable
        caption={title}
        captionHidden
        rows={items}
        rowKey={(r) => r.id}
        columns={[
          { key: 'title', title: 'Отчёт', cell: (r) => <Link to={to(r)}>{r.title}</Link> },
          { key: 'by', title: 'Кто сделал', cell: (r) => r.madeBy ?? 'сделан автоматически' },
          { key: 'at', title: 'Когда', cell: (r) => dateTimeRu(r.createdAt, me.organization.timeZone) },
        ]}
      />
    </section>
  );
}
