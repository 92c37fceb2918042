import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiRequest } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice, Loading, Notice, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { usePageTitle } from '../../page-title.js';

type Status = NonNullable<NonNullable<ApiRequest<'GET /contact-changes'>['query']>['status']>;
const FIELD: Record<string, string> = { phone: 'телефон', email: 'эл. почта' };
const STATUS: Record<string, string> = { pending: 'ждёт утверждения', applied: 'внесено', approved: 'утверждено', rejected: 'отклонено' };

/** п. 3.12: contact changes by curators, with who, when, old and new; approvals. */
export function ContactChangesPage() {
  usePageTitle('Изменения контактов', 'admin-contacts');
  const me = useMe();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [status, setStatus] = useState((params.get('status') ?? 'pending') as Status);
  const [page, setPage] = useState(1);
  const req = { query: { status, page } };
  const list = useQuery({ queryKey: keyOf('GET /contact-changes', req), queryFn: () => call('GET /contact-changes', req) });
  const decide = useMutation({
    mutationFn: (b: { id: number; approve: boolean }) =>
      call('POST /contact-changes/:id/decision', { params: { id: b.id }, body: { approve: b.approve } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keysOf('GET /contact-changes') }),
  });
  const approver = can(me, 'people:approve');
  const tz = me.organization.timeZone;
  return (
    <>
      <h1>Изменения контактов</h1>
      {approver && <ApprovalSetting />}
      <SelectField
        label="Показать"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as Status);
          setPage(1);
        }}
      >
        <option value="pending">ждут утверждения</option>
        <option value="applied">внесённые кураторами</option>
        <option value="approved">утверждённые</option>
        <option value="rejected">отклонённые</option>
        <option value="all">все</option>
      </SelectField>
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error ?? decide.error} />
      {decide.isSuccess && <Notice kind="ok">Решение сохранено.</Notice>}
      <DataTable
        caption="Изменения контактов"
        captionHidden
        rows={list.data?.items}
        rowKey={(c) => c.id}
        empty={status === 'pending' ? 'Заявок на утверждение нет.' : 'Изменений нет.'}
        columns={[
          {
            key: 'person',
            title: 'Чьи контакты',
            cell: (c) => (
              <>
                {c.personName}
                {c.groupName && <div className="muted small">группа {c.groupName}</div>}
              </>
            ),
          },
          {
            key: 'change',
            title: 'Было → стало',
            className: 'small',
            cell: (c) =>
              Object.keys(c.after).map((k) => (
                <div key={k}>
                  {FIELD[k] ?? k}: {c.before[k] ?? '—'} → <strong>{c.after[k] ?? '—'}</strong>
                </div>
              )),
          },
          {
            key: 'who',
            title: 'Кто и когда',
            className: 'small',
            cell: (c) => (
              <>
                {c.requestedBy}
                <div className="muted">{dateTimeRu(c.requestedAt, tz)}</div>
              </>
            ),
          },
          {
            key: 'status',
            title: 'Состояние',
            cell: (c) => (
              <>
                {STATUS[c.status]}
                {c.decidedBy && (
                  <div className="muted small">
                    {c.decidedBy}, {dateTimeRu(c.decidedAt, tz)}
                  </div>
                )}
                {approver && c.status === 'pending' && (
                  <div className="actions">
                    <button type="button" onClick={() => decide.mutate({ id: c.id, approve: true })}>
                      Утвердить
                    </button>
                    <button type="button" className="secondary" onClick={() => decide.mutate({ id: c.id, approve: false })}>
                      Отклонить
                    </button>
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
      {list.data && list.data.total > 0 && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
      )}
    </>
  );
}

/** The per-college setting: curators' contact changes apply at once or wait for approval. */
function ApprovalSetting() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: keyOf('GET /people/settings'), queryFn: () => call('GET /people/settings') });
  const save = useMutation({
    mutationFn: (v: boolean) => call('PUT /people/settings', { body: { contactChangesNeedApproval: v } }),
    onSuccess: (v) => qc.setQueryData(keyOf('GET /people/settings'), v),
  });
  if (!settings.data) return <ErrorNotice error={settings.error} />;
  // The box follows the click at once; the server's answer confirms it.
  const need = save.isPending ? save.variables : settings.data.contactChangesNeedApproval;
  return (
    <section className="panel" aria-label="Порядок изменения контактов">
      <label className="inline">
        <input type="checkbox" checked={need} onChange={(e) => save.mutate(e.target.checked)} /> Изменения контактов кураторами вступают в
        силу после утверждения администратором журнала
      </label>
      <p className="small muted">
        {need
          ? 'Сейчас: кураторы подают изменения, вы их утверждаете здесь.'
          : 'Сейчас: кураторы меняют контакты сами; каждое изменение записано ниже.'}
      </p>
      <ErrorNotice error={save.error} />
    </section>
  );
}
