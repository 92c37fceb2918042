import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { fieldErrors } from './index.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;
type FlagKeys<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V] & string;

/**
 * A form's values and the API's answer to them: `field('name')` gives a Field or SelectField its
 * value, its change handler and the message the API put on that field (ApiError `fields`); when a
 * submit comes back with field errors, the first field in error takes the focus. `error` is the
 * mutation's error; a field named differently on the wire is mapped with `field(key, wireName)`.
 */
export function useForm<V extends object>(initial: V, { error, onSubmit }: { error?: unknown; onSubmit?(values: V): void } = {}) {
  const [values, setValues] = useState<V>(initial);
  const ref = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(error);
  useEffect(() => {
    if (!error || !Object.keys(fieldErrors(error)).length) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  return {
    values,
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
