import { useState, type CSSProperties, type ReactNode } from 'react';
import { Empty } from './index.js';

/** One column of a DataTable: its header, its cell, and the value it sorts by when it sorts. */
export interface Column<R> {
  key: string;
  /** The header; a column of buttons gets a hidden one («Действия») so every header has a name. */
  title: ReactNode;
  hiddenTitle?: boolean;
  cell(row: R): ReactNode;
  /**
   * A sortable column: the header becomes a button and says its order to screen readers
   * (aria-sort). The value to sort by here, or `true` when the server sorts (`sorted`, `onSort`).
   */
  sort?: ((row: R) => string | number) | true;
  className?: string;
}

interface Props<R> {
  columns: (Column<R> | false | null | undefined)[];
  rows: readonly R[] | undefined;
  rowKey(row: R): string | number;
  /** The table's name: a visible caption, or one for screen readers only (`captionHidden`). */
  caption: string;
  captionHidden?: boolean;
  /** Shown instead of the table when there are no rows; nothing when left out. */
  empty?: ReactNode;
  rowClass?(row: R): string | undefined;
  className?: string;
  /** Caps the visible height; the header stays on top while the rows scroll. */
  maxHeight?: number;
  style?: CSSProperties;
  /** The order the server sorted by, and the header click that asks for another. */
  sorted?: { key: string; dir: 1 | -1 } | null;
  onSort?(key: string): void;
}

/** A list as a table (class `list`): a caption, column headers with scope, optional sorting by a column. */
export function DataTable<R>(props: Props<R>) {
  const { columns, rows, rowKey, caption, captionHidden, empty, rowClass, className = 'list', maxHeight, style, sorted, onSort } = props;
  const cols = columns.filter((c): c is Column<R> => !!c);
  const [local, setLocal] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  if (!rows) return null;
  if (rows.length === 0) return empty ? <Empty>{empty}</Empty> : null;
  const order = onSort ? sorted : local;
  const shown = onSort ? rows : sortRows(rows, cols, order);
  const sortBy = (key: string, dir: number) => (onSort ? onSort(key) : setLocal({ key, dir: dir === 1 ? -1 : 1 }));
  return (
    <div className="table-wrap" style={maxHeight ? { maxHeight, ...style } : style}>
      <table className={className}>
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => {
              const dir = order?.key === c.key ? order.dir : 0;
              const title = c.hiddenTitle ? <span className="sr-only">{c.title}</span> : c.title;
              return (
                <th key={c.key} scope="col" className={c.className} aria-sort={c.sort ? ARIA_SORT[dir] : undefined}>
                  {c.sort ? (
                    <button type="button" className="link th-sort" onClick={() => sortBy(c.key, dir)}>
                      {title}
                      {dir === 1 ? ' ↑' : dir === -1 ? ' ↓' : ''}
                    </button>
                  ) : (
                    title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={rowKey(r)} className={rowClass?.(r)}>
              {cols.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The rows in a column's order (Russian collation, numbers by value); as they came when the column does not sort here. */
export function sortRows<R>(
  rows: readonly R[],
  columns: Column<R>[],
  order: { key: string; dir: 1 | -1 } | null | undefined,
): readonly R[] {
  if (!order) return rows;
  const by = columns.find((c) => c.key === order.key)?.sort;
  return typeof by === 'function' ? [...rows].sort((a, b) => compare(by(a), by(b)) * order.dir) : rows;
}

const collator = new Intl.Collator('ru', { numeric: true });
const compare = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
const ARIA_SORT = { 1: 'ascending', [-1]: 'descending', 0: 'none' } as const;
