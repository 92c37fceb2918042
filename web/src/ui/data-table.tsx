import { useState, type CSSProperties, type ReactNode } from 'react';
import { Empty } from './index.js';

/** One column of a DataTable: its header, its cell, and the value it sorts by when it sorts. */
export interface Column<R> {
  key: string;
  /** The header; a column of buttons gets a hidden one («Действия») so every header has a name. */
  title: ReactNode;
  hiddenTitle?: boolean;
  cell(row: R): ReactNode;
  /** A sortable column: the header becomes a button and says its order to screen readers (aria-sort). */
  sort?(row: R): string | number;
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
}

/** A list as a table (class `list`): a caption, column headers with scope, optional sorting by a column. */
export function DataTable<R>({ columns, rows, rowKey, caption, captionHidden, empty, rowClass, className = 'list', maxHeight, style }: Props<R>) {
  const cols = columns.filter((c): c is Column<R> => !!c);
  const [order, setOrder] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  if (!rows) return null;
  if (rows.length === 0) return empty ? <Empty>{empty}</Empty> : null;
  const by = order && cols.find((c) => c.key === order.key)?.sort;
  const shown = by ? [...rows].sort((a, b) => compare(by(a), by(b)) * order.dir) : rows;
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
                <th key={c.key} scope="col" className={c.className} aria-sort={c.sort ? (dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none') : undefined}>
                  {c.sort ? (
                    <button type="button" className="link sort" onClick={() => setOrder({ key: c.key, dir: dir === 1 ? -1 : 1 })}>
                      {title}{dir === 1 ? ' ▲' : dir === -1 ? ' ▼' : ''}
                    </button>
                  ) : title}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={rowKey(r)} className={rowClass?.(r)}>
              {cols.map((c) => <td key={c.key} className={c.className}>{c.cell(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const collator = new Intl.Collator('ru', { numeric: true });
const compare = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
