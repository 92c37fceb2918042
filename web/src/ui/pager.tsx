/** Pages of a server-paged list («Страница 2 из 5 · всего 93»); one page shows only the total. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(p: number): void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize) return <p className="muted small">Всего: {total}</p>;
  return (
    <nav className="pager" aria-label="Страницы">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Назад
      </button>
      <span>
        Страница {page} из {pages} · всего {total}
      </span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Вперёд →
      </button>
    </nav>
  );
}
