import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ApiError } from '../api.js';
import { KEPT_NOTE } from './form.js';

/** A labelled input; shows the API's message for its field. */
export function Field({
  label,
  error,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...input} />
      {hint && !error && <div className="muted small">{hint}</div>}
      {error && (
        <div className="field-error" id={`${id}-err`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function SelectField({
  label,
  error,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...select}>
        {children}
      </select>
      {error && (
        <div className="field-error" id={`${id}-err`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'warn' | 'error'; children: ReactNode }) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Said over a form whose typed values came back after the session ended (useKept, useForm `keep`). */
export const KeptNote = ({ shown }: { shown: boolean }) => (shown ? <Notice kind="warn">{KEPT_NOTE}</Notice> : null);

/**
 * The API's field errors («Заполните поле.») by field name, to show next to each labelled
 * control; the notice above the form (ErrorNotice) repeats them with the labels.
 */
export const fieldErrors = (e: unknown): Record<string, string> => (e instanceof ApiError ? e.fields : {});

/** The message of any error, for a notice. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Что-то пошло не так.';
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return <Notice kind="error">{errorText(error)}</Notice>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return (
    <p className="muted" aria-busy="true">
      Загрузка…
    </p>
  );
}

/**
 * A ref that puts the keyboard focus on the page's first useful control when it appears. Text
 * fields are left alone on touch screens, where the focus would pop up the keyboard.
 */
export function focusOnMount(el: HTMLElement | null) {
  if (!el) return;
  const typing = el.matches('input:not([type=checkbox]):not([type=radio]), textarea');
  if (typing && window.matchMedia('(pointer: coarse)').matches) return;
  el.focus();
}
