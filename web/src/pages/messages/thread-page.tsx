import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Message } from '../../../../src/contracts/messages.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { ErrorNotice, fieldErrors, Loading, Notice } from '../../ui/index.js';
import { useDraft } from './draft.js';
import { FilesField, filesError, type Attached } from './files-field.js';

/** The text of a message: a labelled textarea; Ctrl+Enter sends. */
export function MessageText({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>Текст сообщения</label>
      <textarea
        id={id}
        rows={4}
        value={value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

function receipt(m: Message) {
  if (!m.mine || m.withdrawn) return null;
  if (m.readOf <= 1) return m.readBy ? 'прочитано' : 'не прочитано';
  return `прочитали ${m.readBy} из ${m.readOf}`;
}

function MessageItem({ m, timeZone }: { m: Message; timeZone: string }) {
  const qc = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => call('POST /messages/:id/withdraw', { params: { id: m.id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /messages/threads/:id'] }),
  });
  return (
    <li className={`message${m.mine ? ' mine' : ''}`} aria-label={`${m.author.name}, ${dateTimeRu(m.createdAt, timeZone)}`}>
      <div className="small muted">
        {m.author.name} · {dateTimeRu(m.createdAt, timeZone)}
        {receipt(m) && (
          <>
            {' · '}
            <span className="receipt">{receipt(m)}</span>
          </>
        )}
      </div>
      {m.withdrawn ? <p className="muted">Сообщение отозвано</p> : <p className="message-text">{m.text}</p>}
      {m.files.length > 0 && (
        <ul className="plain small">
          {m.files.map((f) => (
            <li key={f.id}>
              <a href={hrefOf('GET /messages/files/:id', { params: { id: f.id } })} download={f.fileName}>
                {f.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {m.canWithdraw && (
        <button
          type="button"
          className="secondary small"
          disabled={withdraw.isPending}
          onClick={() => {
            if (window.confirm('Отозвать сообщение? Собеседник увидит «Сообщение отозвано»; запись о нём останется у администратора.'))
              withdraw.mutate();
          }}
        >
          Отозвать
        </button>
      )}
      <ErrorNotice error={withdraw.error} />
    </li>
  );
}

export function ThreadPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: keyOf('GET /messages/threads/:id', { params: { id } }),
    queryFn: () => call('GET /messages/threads/:id', { params: { id } }),
    refetchInterval: 30_000,
  });
  usePageTitle(q.data?.title ?? 'Переписка', 'messages');
  const last = q.data?.messages.at(-1)?.id;
  useEffect(() => {
    if (!last) return;
    void call('POST /messages/threads/:id/read', { params: { id } }).then(() =>
      qc.invalidateQueries({ queryKey: ['GET /messages/unread'] }),
    );
  }, [id, last, qc]);
  const draft = useDraft(`thread-${id}`);
  const [files, setFiles] = useState<Attached[]>([]);
  const [opId, setOpId] = useState(() => crypto.randomUUID());
  const send = useMutation({
    mutationFn: () => call('POST /messages/threads/:id/messages', { params: { id }, body: { text: draft.text, files, opId } }),
    onSuccess: (r) => {
      draft.clear();
      setFiles([]);
      setOpId(crypto.randomUUID());
      void qc.invalidateQueries({ queryKey: ['GET /messages/threads'] });
      void qc.invalidateQueries({ queryKey: ['GET /messages/threads/:id'] });
      if (r.threadId !== id) void navigate(`/messages/${r.threadId}`);
    },
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const t = q.data!;
  const errors = fieldErrors(send.error);
  return (
    <>
      <p className="small no-print">
        <Link to="/messages">← Все сообщения</Link>
      </p>
      <h1>{t.title}</h1>
      {t.kind === 'group' && <p className="small muted">Участники: {t.members.map((m) => m.name).join(', ')}</p>}
      <ul className="plain messages" aria-label="Сообщения переписки">
        {t.messages.map((m) => (
          <MessageItem key={m.id} m={m} timeZone={me.organization.timeZone} />
        ))}
      </ul>
      {t.canWrite ? (
        <form
          className="panel"
          aria-label="Ответ"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          {t.replyPrivately && <p className="small muted">Ваш ответ увидит только автор сообщения.</p>}
          <MessageText value={draft.text} onChange={draft.setText} error={errors.text} />
          <FilesField value={files} onChange={setFiles} error={filesError(errors)} />
          <ErrorNotice error={send.error} />
          <div className="actions">
            <button type="submit" disabled={send.isPending}>
              Отправить
            </button>
            <span className="small muted">Ctrl+Enter — отправить</span>
          </div>
        </form>
      ) : (
        <Notice kind="warn">{t.cannotWrite}</Notice>
      )}
    </>
  );
}
