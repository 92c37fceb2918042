import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorText, fieldErrors } from '../../ui/index.js';
import { readDrafts, writeDrafts } from '../../unsaved.js';

// The one shape of the ГИА page's editors (the demo exam, the thesis, a module exam): a draft kept in
// the browser until it is saved (nothing typed is lost, decision 017), the save with its status, and —
// for a row — its fields described once, drawn as inputs for a writer and as text for a reader.

export type Draft = Record<string, string>;

const DRAFTS = 'gia';

/** Drafts of one table of the page (a group × year × kind), kept in the browser per user. */
export function useDrafts(prefix: string) {
  const [all, setAll] = useState<Record<string, Draft>>(() => readDrafts<Draft>(DRAFTS));
  const get = (key: string) => all[`${prefix}|${key}`];
  const set = (key: string, d: Draft | null) => {
    const next = { ...readDrafts<Draft>(DRAFTS) };
    if (d) next[`${prefix}|${key}`] = d;
    else delete next[`${prefix}|${key}`];
    writeDrafts(DRAFTS, next);
    setAll(next);
  };
  return { get, set };
}
export type Drafts = ReturnType<typeof useDrafts>;

/**
 * One record's editor: the values in force (the draft over what is saved — a draft kept before a field
 * was added takes it as saved), an edit, the save sending them and, on success, forgetting the draft and
 * re-reading the page.
 */
export function useRecordEditor(drafts: Drafts, key: string, saved: Draft, send: (v: Draft) => Promise<unknown>) {
  const qc = useQueryClient();
  const [done, setDone] = useState('');
  const v: Draft = { ...saved, ...drafts.get(key) };
  const m = useMutation({
    mutationFn: () => send(v),
    onSuccess: () => {
      drafts.set(key, null);
      setDone('Сохранено');
      void qc.invalidateQueries({ queryKey: ['GET /gia/groups/:id'] });
    },
    onError: () => setDone(''),
  });
  return {
    v,
    edit: (k: string, x: string) => drafts.set(key, { ...v, [k]: x }),
    save: () => m.mutate(),
    dirty: JSON.stringify(v) !== JSON.stringify(saved),
    m,
    done,
    errors: fieldErrors(m.error),
  };
}
export type RecordEditor = ReturnType<typeof useRecordEditor>;

/** Enter in a field saves the row. */
export const onEnter = (f: () => void) => (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    f();
  }
};

export function RowStatus({ e, label }: { e: Pick<RecordEditor, 'm' | 'done'>; label: string }) {
  return (
    <span role="status" aria-label={`Состояние: ${label}`} className="small">
      {e.m.isPending ? 'Сохраняется…' : e.m.error ? <span className="field-error">{errorText(e.m.error)}</span> : e.done}
    </span>
  );
}

/** A cell of a row: a field of the record, or something shown from what is typed (the demo exam's grade). */
export type Cell =
  | {
      /** The draft's key, the name the server gives its errors. */
      key: string;
      /** «Дата ДЭ»: the field's label is `${label}: ${who}`. */
      label: string;
      input: 'text' | 'date' | 'decimal' | 'select';
      /** For `select`: the values and their titles. */
      options?: readonly (readonly [string, string])[];
      /** Enter in it saves the row (inputs, not selects; default yes). */
      enter?: boolean;
      invalid?: boolean;
      /** What a reader sees. */
      shown: ReactNode;
    }
  | { key: string; computed: ReactNode; label: string; shown: ReactNode };

/**
 * A record's row: who, its cells, the reason of a change (once the record exists), the save. A reader
 * sees the saved values as text.
 */
export function EditorRow({
  who,
  cells,
  e,
  canWrite,
  exists,
  saveLabel,
}: {
  who: string;
  cells: readonly Cell[];
  e: RecordEditor;
  canWrite: boolean;
  exists: boolean;
  saveLabel: string;
}) {
  if (!canWrite)
    return (
      <tr>
        <td>{who}</td>
        {cells.map((c) => (
          <td key={c.key}>{c.shown}</td>
        ))}
        <td />
        <td />
      </tr>
    );
  const error = (key: string) => (e.errors[key] ? <div className="field-error">{e.errors[key]}</div> : null);
  return (
    <tr>
      <td>{who}</td>
      {cells.map((c) =>
        'computed' in c ? (
          <td key={c.key} aria-label={`${c.label}: ${who}`}>
            {c.computed}
          </td>
        ) : (
          <td key={c.key}>
            <FieldInput c={c} who={who} e={e} />
            {error(c.key)}
          </td>
        ),
      )}
      <td>
        {exists ? <FieldInput c={{ key: 'reason', label: 'Причина изменения', input: 'text', shown: null }} who={who} e={e} /> : null}
        {error('reason')}
      </td>
      <td>
        <button type="button" disabled={!e.dirty || e.m.isPending} onClick={e.save} aria-label={`${saveLabel}: ${who}`}>
          Сохранить
        </button>{' '}
        <RowStatus e={e} label={who} />
      </td>
    </tr>
  );
}

function FieldInput({ c, who, e }: { c: Extract<Cell, { input: string }>; who: string; e: RecordEditor }) {
  const label = `${c.label}: ${who}`;
  if (c.input === 'select')
    return (
      <select aria-label={label} value={e.v[c.key]} onChange={(x) => e.edit(c.key, x.target.value)}>
        {c.options!.map(([value, title]) => (
          <option key={value} value={value}>
            {title}
          </option>
        ))}
      </select>
    );
  return (
    <input
      type={c.input === 'date' ? 'date' : undefined}
      inputMode={c.input === 'decimal' ? 'decimal' : undefined}
      size={c.input === 'decimal' ? 6 : undefined}
      aria-label={label}
      value={e.v[c.key]}
      onChange={(x) => e.edit(c.key, x.target.value)}
      onKeyDown={c.enter === false ? undefined : onEnter(e.save)}
      aria-invalid={c.invalid ? true : undefined}
    />
  );
}
