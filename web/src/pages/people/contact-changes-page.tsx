import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, post, put, qs } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Loading, Notice, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { usePageTitle } from '../../page-title.js';

interface Change { id: number; personName: string; groupName: string | null; before: Record<string, string | null>; after: Record<string, string | null>; status: string; requestedBy: string | null; requestedAt: string; decidedBy: string | null; decidedAt: string | null; decisionNote: string | null }
const FIELD: Record<string, string> = { phone: 'телефон', email: 'эл. почта' };
const STATUS: Record<string, string> = { pending: 'ждёт утверждения', applied: 'внесено', approved: 'утверждено', rejected: 'отклонено' };

/** п. 3.12: contact changes by curators, with who, when, old and new; approvals. */
export function ContactChangesPage() {
  usePageTitle('Изменения контактов', 'admin-contacts');
  const me = useMe();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [status, setStatus] = useState(params.get('status') ?? 'pending');
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['contact-changes', status, page], queryFn: () => get<{ items: Change[]; total: number; page: number; pageSize: number }>(`/contact-changes${qs({ status, page })}`) });
  const decide = useMutation({ mutationFn: (b: { id: number; approve: boolean }) => post(`/contact-changes/${b.id}/decision`, { approve: b.approve }), onSuccess: () => void qc.invalidateQueries({ queryKey: ['contact-changes'] }) });
  const approver = can(me, 'people:approve');
  return (
    <>
      <h1>Изменения контактов</h1>
      {approver && <ApprovalSetting />}
      <SelectField label="Показать" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
        <option value="pending">ждут утверждения</option><option value="applied">внесённые кураторами</option><option value="approved">утверждённые</option><option value="rejected">отклонённые</option><option value="all">все</option>
      </SelectField>
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error ?? decide.error} />
      {decide.isSuccess && <Notice kind="ok">Решение сохранено.</Notice>}
      {list.data?.total === 0 && <Empty>{status === 'pending' ? 'Заявок на утверждение нет.' : 'Изменений нет.'}</Empty>}
      {list.data && list.data.total > 0 && (
        <>
          <div className="table-wrap"><table className="list">
            <thead><tr><th>Чьи контакты</th><th>Было → стало</th><th>Кто и когда</th><th>Состояние</th></tr></thead>
            <tbody>{list.data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.personName}{c.groupName && <div className="muted small">группа {c.groupName}</div>}</td>
                <td className="small">{Object.keys(c.after).map((k) => <div key={k}>{FIELD[k] ?? k}: {c.before[k] ?? '—'} → <strong>{c.after[k] ?? '—'}</strong></div>)}</td>
                <td className="small">{c.requestedBy}<div className="muted">{dateTimeRu(c.requestedAt, me.organization.timeZone)}</div></td>
                <td>
                  {STATUS[c.status]}{c.decidedBy && <div className="muted small">{c.decidedBy}, {dateTimeRu(c.decidedAt, me.organization.timeZone)}</div>}
                  {approver && c.status === 'pending' && (
                    <div className="actions">
                      <button type="button" onClick={() => decide.mutate({ id: c.id, approve: true })}>Утвердить</button>
                      <button type="button" className="secondary" onClick={() => decide.mutate({ id: c.id, approve: false })}>Отклонить</button>
                    </div>
                  )}
                </td>
              </tr>
            ))}</tbody>
          </table></div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

/** The per-college setting: curators' contact changes apply at once or wait for approval. */
function ApprovalSetting() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['people-settings'], queryFn: () => get<{ contactChangesNeedApproval: boolean }>('/people/settings') });
  const save = useMutation({
    mutationFn: (v: boolean) => put<{ contactChangesNeedApproval: boolean }>('/people/settings', { contactChangesNeedApproval: v }),
    onSuccess: (v) => qc.setQueryData(['people-settings'], v),
  });
  if (!settings.data) return <ErrorNotice error={settings.error} />;
  // The box follows the click at once; the server's answer confirms it.
  const need = save.isPending ? save.variables : settings.data.contactChangesNeedApproval;
  return (
    <section className="panel" aria-label="Порядок изменения контактов">
      <label className="inline">
        <input type="checkbox" checked={need} onChange={(e) => save.mutate(e.target.checked)} />{' '}
        Изменения контактов кураторами вступают в силу после утверждения администратором журнала
      </label>
      <p className="small muted">{need ? 'Сейчас: кураторы подают изменения, вы их утверждаете здесь.' : 'Сейчас: кураторы меняют контакты сами; каждое изменение записано ниже.'}</p>
      <ErrorNotice error={save.error} />
    </section>
  );
}
