import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm, type Form } from './form.js';
import { Empty, ErrorNotice } from './index.js';

interface Props<T, V extends object> {
  /** The section's anchor and heading. */
  id: string;
  title: string;
  items: readonly T[] | undefined;
  itemKey(item: T): number;
  /** One line of the list (its name and facts); «Изменить» is added after it. */
  line(item: T): ReactNode;
  empty: ReactNode;
  canEdit: boolean;
  /** The values of the form: blank for a new item, taken from one to change it. */
  blank: V;
  toValues(item: T): V;
  fields(form: Form<V>): ReactNode;
  /** Saves the form: `id` is null for a new item. */
  save(values: V, id: number | null): Promise<unknown>;
  onSaved(): void;
  addLabel: string;
  /** The form's accessible name («Отделение»). */
  formLabel: string;
  error?: unknown;
}

/** A panel that lists named items, each with «Изменить», and one form to add or change an item (departments, commissions…). */
export function ListEditor<T, V extends object>(p: Props<T, V>) {
  const [editing, setEditing] = useState<{ id: number | null; values: V } | null>(null);
  return (
    <section id={p.id} className="panel" aria-labelledby={`${p.id}-h`}>
      <h2 id={`${p.id}-h`} style={{ marginTop: 0 }}>
        {p.title}
      </h2>
      <ErrorNotice error={p.error} />
      {p.items?.length === 0 && <Empty>{p.empty}</Empty>}
      {p.items && p.items.length > 0 && (
        <ul className="plain">
          {p.items.map((it) => (
            <li key={p.itemKey(it)}>
              {p.line(it)}
              {p.canEdit && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => setEditing({ id: p.itemKey(it), values: p.toValues(it) })}>
                    Изменить
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.canEdit && !editing && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setEditing({ id: null, values: p.blank })}>
            {p.addLabel}
          </button>
        </div>
      )}
      {p.canEdit && editing && (
        <ItemForm key={editing.id ?? 'new'} props={p} itemId={editing.id} values={editing.values} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

interface ItemFormProps<T, V extends object> {
  props: Props<T, V>;
  itemId: number | null;
  values: V;
  onClose(): void;
}

function ItemForm<T, V extends object>({ props: p, itemId, values, onClose }: ItemFormProps<T, V>) {
  const save = useMutation({
    mutationFn: (v: V) => p.save(v, itemId),
    onSuccess: () => {
      onClose();
      p.onSaved();
    },
  });
  const form = useForm(values, { error: save.error, onSubmit: (v) => save.mutate(v) });
  return (
    <form {...form.form} aria-label={p.formLabel}>
      <div className="form-row">{p.fields(form)}</div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit">Сохранить</button>
        <button type="button" className="secondary" onClick={onClose}>
          Отмена
        </button>
      </div>
    </form>
  );
}
