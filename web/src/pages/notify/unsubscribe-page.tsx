import { useMutation, useQuery } from '@tanstack/react-query';
import { call, keyOf } from '../../api.js';
import { usePageTitle } from '../../page-title.js';
import { ErrorNotice, Loading, Notice } from '../../ui/index.js';

/** The page an e-mail's unsubscribe link opens; it needs no login. */
export function UnsubscribePage() {
  usePageTitle('Отписка от писем');
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const info = useQuery({
    queryKey: keyOf('GET /unsubscribe', { query: { token } }),
    queryFn: () => call('GET /unsubscribe', { query: { token } }),
  });
  const m = useMutation({ mutationFn: (all: boolean) => call('POST /unsubscribe', { body: { token, all } }) });
  return (
    <main id="main" className="narrow" style={{ padding: '1rem', maxWidth: '36rem', margin: '0 auto' }}>
      <h1>Отписка от писем электронного журнала</h1>
      {info.isLoading && <Loading />}
      <ErrorNotice error={info.error ?? m.error} />
      {info.data && !m.isSuccess && (
        <>
          <p>
            Адрес: <strong>{info.data.email ?? 'не указан'}</strong>. Письма: <strong>{info.data.kindTitle}</strong>.
          </p>
          <div className="actions">
            <button type="button" onClick={() => m.mutate(false)} disabled={m.isPending}>
              Отписаться от писем «{info.data.kindTitle}»
            </button>
            <button type="button" className="secondary" onClick={() => m.mutate(true)} disabled={m.isPending}>
              Отписаться от всех писем
            </button>
          </div>
          <p className="small muted">
            Уведомления в самом журнале останутся. Включить письма снова можно в настройках уведомлений после входа.
          </p>
        </>
      )}
      {m.isSuccess && (
        <Notice kind="ok">
          Готово: письма «{m.data.kindTitle}» больше не будут приходить на этот адрес. <a href="/">Войти в журнал</a>
        </Notice>
      )}
    </main>
  );
}
