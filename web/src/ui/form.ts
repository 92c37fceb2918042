import { useEffect, useRef, useState, type ChangeEvent, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { dropKept, keepOnSessionEnd, readKept } from '../unsaved.js';
import { fieldErrors } from './index.js';

/** Said above a form whose values came back after the session ended under it. */
export const KEPT_NOTE = 'Сеанс завершился, пока форма была открыта. Введённое сохранилось — проверьте и отправьте ещё раз.';

/**
 * useState whose value outlives an ended session (unsaved.ts): when the session ends while it differs
 * from where it started, it is kept under `key` for this user, and the same form gets it back the next
 * time it opens after signing in again; `stored` gives what is written (undefined: nothing worth keeping).
 * The third item tells whether it came back so.
 */
export function useKept<T>(
  key: string | undefined,
  initial: T,
  stored: (v: T) => T | undefined = (v) => v,
): [T, Dispatch<SetStateAction<T>>, boolean] {
  const [restored] = useState(() => (key ? readKept<T>(key) : undefined));
  const [value, setValue] = useState<T>(restored ?? initial);
  const latest = useRef(value);
  latest.current = value;
  const start = useRef(JSON.stringify(initial));
  useEffect(() => {
    if (!key) return;
    dropKept(key);
    return keepOnSessionEnd(key, () => (JSON.stringify(latest.current) === start.current ? undefined : stored(latest.current)));
  }, [key]);
  return [value, setValue, restored !== undefined];
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;
type FlagKeys<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V] & string;

/**
 * A form's values and the API's answer to them: `field('name')` gives a Field or SelectField its
 * value, its change handler and the message the API put on that field (ApiError `fields`); when a
 * submit comes back with field errors, the first field in error takes the focus. `error` is the
 * mutation's error; a field named differently on the wire is mapped with `field(key, wireName)`.
 * With `keep`, what was typed survives an ended session (useKept) but the `secret` fields, which are
 * never written to the browser's storage; `restored` says it came back.
 */
export function useForm<V extends object>(
  initial: V,
  { error, onSubmit, keep, secret = [] }: { error?: unknown; onSubmit?(values: V): void; keep?: string; secret?: (keyof V)[] } = {},
) {
  const [values, setValues, restored] = useKept<V>(keep, initial, (v) => {
    const out = { ...v };
    for (const k of secret) out[k] = initial[k];
    return out;
  });
  const ref = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  useEffect(() => {
    if (!error || !Object.keys(fieldErrors(error)).length) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  return {
    values,
    restored,
    errors,
    set,
    setValues,
    /** Value, change handler and error for a text, date, number-as-text or select control. */
    field: <K extends TextKeys<V>>(key: K, wire: string = key) => ({
      name: key,
      value: values[key] as string,
      onChange: (e: ChangeEvent<Control>) => set(key, e.target.value as V[K]),
      error: errors[wire],
    }),
    /** Checked state and change handler for a checkbox. */
    check: <K extends FlagKeys<V>>(key: K) => ({
      name: key,
      checked: values[key] as boolean,
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.checked as V[K]),
    }),
    /** Props of the <form>: the ref that finds the first error, and the submit that does not reload the page. */
    form: {
      ref,
      onSubmit: (e: FormEvent) => {
        e.preventDefault();
        onSubmit?.(values);
      },
    },
  };
}

export type Form<V extends object> = ReturnType<typeof useForm<V>>;
