import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { call, keyOf } from '../../api.js';
import { usePageTitle } from '../../page-title.js';
import { ErrorNotice, Field, fieldErrors, Loading, SelectField } from '../../ui/index.js';
import { useDraft } from './draft.js';
import { FilesField, filesError, type Attached } from './files-field.js';
import { MessageText } from './thread-page.js';

// A new message: to one person within reach (the picker lists only them), or, for a curator, to
// every guardian of a group at once.

export function NewMessagePage() {
  const [params] = useSearchParams();
  const group = params.get('group') === '1';
  usePageTitle(group ? 'Сообщение родителям группы' : 'Новое сообщение', 'messages');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [to, setTo] = useState<number | null>(Number(params.get('to')) || null);
  const [groupId, setGroupId] = useState('');
  const [subject, setSubject] = useState('');
  const [files, setFiles] = useState<Attached[]>([]);
  const draft = useDraft(group ? 'group' : 'new');
  const [opId] = useState(() => crypto.randomUUID());
  const query = search.trim() ? { q: search.trim() } : {};
  const contacts = useQuery({
    queryKey: keyOf('GET /messages/contacts', { query }),
    queryFn: () => call('GET /messages/contacts', { query }),
  });
  const send = useMutation({
    mutationFn: () =>
      group
        ? call('POST /messages/group', { body: { groupId: Number(groupId), subject, text: draft.text, files, opId } })
        : call('POST /messages/threads', { body: { recipientPersonId: to ?? 0, text: draft.text, files, opId } }),
    onSuccess: (r) => {
      draft.clear();
      void qc.invalidateQueries({ queryKey: ['GET /messages/threads'] });
      void navigate(`/messages/${r.threadId}`);
    },
  });
  const errors = fieldErrors(send.error);
  const groups = contacts.data?.groups ?? [];
  const chosen = contacts.data?.items.find((c) => c.personId === to);
  return (
    <>
      <h1>{group ? 'Сообщение всем родителям группы' : 'Новое сообщение'}</h1>
      <form
        className="panel"
        aria-label="Новое сообщение"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        {group ? (
          <>
            <SelectField label="Группа" value={groupId} onChange={(e) => setGroupId(e.target.value)} error={errors.groupId}>
              <option value="">— выберите —</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectField>
            <Field label="Тема сообщения" value={subject} onChange={(e) => setSubject(e.target.value)} error={errors.subject} />
            <p className="small muted">Каждый родитель ответит вам лично: другие родители его ответа не увидят.</p>
          </>
        ) : (
          <fieldset>
            <legend>Кому</legend>
            <Field label="Найти по фамилии" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            {contacts.isLoading && <Loading />}
            <ErrorNotice error={contacts.error} />
            {contacts.data && contacts.data.items.length === 0 && (
              <p className="small muted">Никого не найдено среди тех, кому вы можете написать.</p>
            )}
            <ul className="plain contacts">
              {contacts.data?.items.map((c) => (
                <li key={c.personId}>
                  <label className="check">
                    <input type="radio" name="to" checked={to === c.personId} onChange={() => setTo(c.personId)} />
                    <span>
                      {c.name} <span className="small muted">{c.note}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {errors.recipientPersonId && <div className="field-error">{errors.recipientPersonId}</div>}
            {chosen && <p className="small">Кому: {chosen.name}</p>}
          </fieldset>
        )}
        <MessageText value={draft.text} onChange={draft.setText} error={errors.text} />
        <FilesField value={files} onChange={setFiles} error={filesError(errors)} />
        <ErrorNotice error={send.error} />
        <div className="actions">
          <button type="submit" disabled={send.isPending || (!group && !to)}>
            Отправить
          </button>
        </div>
      </form>
    </>
  );
}
