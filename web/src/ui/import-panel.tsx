import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { fileToBase64 } from './files.js';
import { ErrorNotice } from './index.js';

/** The file as the upload endpoints take it (JSON with base64). */
export interface Upload {
  fileName: string;
  contentBase64: string;
}

/**
 * The upload → dry run → apply flow of every import (people, curriculum, lesson plan, timetable):
 * the chosen file, read once; `check()` sends it with `dryRun: true`, `apply()` with false; the
 * last answer and whether it was a dry run. `send` maps the upload to the area's call.
 */
export function useImport<R>(send: (upload: Upload, dryRun: boolean) => Promise<R>, { onApplied }: { onApplied?(r: R): void } = {}) {
  const [file, setFile] = useState<{ name: string; read: Promise<string> } | null>(null);
  const chosen = useRef(file);
  const [result, setResult] = useState<{ r: R; dryRun: boolean } | null>(null);
  const run = useMutation({
    mutationFn: async (dryRun: boolean) => send({ fileName: chosen.current!.name, contentBase64: await chosen.current!.read }, dryRun),
    onSuccess: (r, dryRun) => {
      setResult({ r, dryRun });
      if (!dryRun) onApplied?.(r);
    },
  });
  const elapsed = useElapsed(run.isPending);
  /** Takes the chosen file (and checks it at once with `check`). */
  const pick = (f: File | null | undefined, { check = false } = {}) => {
    setResult(null);
    run.reset();
    chosen.current = f ? { name: f.name, read: fileToBase64(f) } : null;
    chosen.current?.read.catch(() => {});
    setFile(chosen.current);
    if (chosen.current && check) run.mutate(true);
  };
  return {
    file: file?.name ?? null,
    pick,
    check: () => run.mutate(true),
    apply: () => run.mutate(false),
    /** The answer of the last check or load, and whether it was the check. */
    result: result?.r ?? null,
    checked: result?.dryRun ?? false,
    pending: run.isPending,
    applying: run.isPending && run.variables === false,
    elapsed,
    error: run.error,
    clear: () => {
      setResult(null);
      run.reset();
    },
  };
}

export type Import<R> = ReturnType<typeof useImport<R>>;

interface PanelProps<R> {
  imp: Import<R>;
  /** The file field's label, with the formats and the size limit. */
  label: string;
  accept: string;
  /** Controls beside the file field (what is loaded, from which date). */
  fields?: ReactNode;
  /** What sits under the fields: templates, export links. */
  children?: ReactNode;
  /** Checks the file as soon as it is chosen instead of offering a button. */
  checkOnPick?: boolean;
  /** Whether the answer of a check allows the load (no errors). */
  canApply(r: R): boolean;
  report(r: R, checked: boolean): ReactNode;
  checkLabel?: string;
  applyLabel: string;
  /** Said while the file is loaded, for long imports. */
  pendingNote?: ReactNode;
}

/** The usual layout of an import: the file, «Проверить файл», «Загрузить», the progress, the report. */
export function ImportPanel<R>(props: PanelProps<R>) {
  const {
    imp,
    label,
    accept,
    fields,
    children,
    checkOnPick,
    canApply,
    report,
    checkLabel = 'Проверить файл',
    applyLabel,
    pendingNote,
  } = props;
  const id = useId();
  const ready = imp.result !== null && imp.checked && canApply(imp.result);
  return (
    <>
      <div className="form-row">
        {fields}
        <div>
          <label htmlFor={id}>{label}</label>
          <input id={id} type="file" accept={accept} onChange={(e) => imp.pick(e.target.files?.[0], { check: checkOnPick })} />
        </div>
      </div>
      {children}
      <div className="actions">
        {!checkOnPick && (
          <button type="button" disabled={!imp.file || imp.pending} onClick={imp.check}>
            {checkLabel}
          </button>
        )}
        {(!checkOnPick || ready) && (
          <button type="button" disabled={!ready || imp.pending} onClick={imp.apply}>
            {applyLabel}
          </button>
        )}
      </div>
      {imp.pending && (
        <div role="status" className="progress-line">
          <progress aria-label="Ход загрузки" /> {imp.applying ? 'Загружаем…' : 'Проверяем файл…'} {imp.elapsed > 0 && `${imp.elapsed} с`}
          {imp.applying && pendingNote && <div className="small muted">{pendingNote}</div>}
        </div>
      )}
      <ErrorNotice error={imp.error} />
      {imp.result !== null && report(imp.result, imp.checked)}
    </>
  );
}

function useElapsed(running: boolean) {
  const [s, setS] = useState(0);
  useEffect(() => {
    if (!running) return;
    setS(0);
    const t = setInterval(() => setS((x) => x + 1), 1000);
    return () => clearInterval(t);
  }, [running]);
  return s;
}
