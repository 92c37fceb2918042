import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { COLLEGE_SETTINGS, SETTING_BY_KEY, type CollegeSetting } from '../../../../src/contracts/college-settings.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu, numberRu } from '../../format.js';
import { useKept } from '../../ui/form.js';
import { ErrorNotice, fieldErrors, KeptNote, Loading, Notice } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

// «Настройки колледжа» (issue 15 item 2, decision 038): drawn from the registry of
// contracts/college-settings.ts — each setting with what it changes beside it; only what was
// changed is sent; each change is in the history below (who, when, was → is).

/** A value as the college reads it: decimal commas, titles of choices, да / нет. */
function shown(s: CollegeSetting, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (s.kind === 'boolean') return v ? 'да' : 'нет';
  if (s.kind === 'choices' && Array.isArray(v)) return v.length ? v.map((x) => s.choices?.[x as string] ?? String(x)).join(', ') : 'нет';
  if (typeof v === 'number') return numberRu(v);
  return String(v);
}

/** What the form holds for a setting: text for numbers (typed with a comma), as-is for the rest. */
const toDraft = (s: CollegeSetting, v: unknown): unknown =>
  s.kind === 'integer' || s.kind === 'number' ? numberRu(v as number, 4).replace(/\s/g, '') : v;

/** The value to send: a number where one was typed (a comma taken as the decimal point); else what was typed, for the server to refuse. */
function fromDraft(s: CollegeSetting, d: unknown): unknown {
  if (s.kind !== 'integer' && s.kind !== 'number') return d;
  const t = String(d).trim().replace(',', '.');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : String(d);
}

export function CollegeSettingsPage() {
  usePageTitle('Настройки колледжа', 'college-settings');
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keyOf('GET /college/settings'), queryFn: () => call('GET /college/settings') });
  // What was changed and not saved when the session ended comes back over the settings as stored.
  const values = useRef(q.data?.values);
  values.current = q.data?.values;
  const changedIn = (d: Record<string, unknown>) =>
    values.current ? COLLEGE_SETTINGS.filter((s) => JSON.stringify(fromDraft(s, d[s.key])) !== JSON.stringify(values.current![s.key])) : [];
  const [draft, setDraft, restored] = useKept<Record<string, unknown>>('college.settings', {}, (d) =>
    changedIn(d).length ? d : undefined,
  );
  const keepRestored = useRef(restored);
  const [saved, setSaved] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!q.data) return;
    const stored = Object.fromEntries(COLLEGE_SETTINGS.map((s) => [s.key, toDraft(s, q.data.values[s.key])]));
    setDraft((d) => (keepRestored.current ? { ...stored, ...d } : stored));
    keepRestored.current = false;
  }, [q.data, setDraft]);
  const changed = changedIn(draft);
  const m = useMutation({
    mutationFn: () =>
      call('PATCH /college/settings', { body: Object.fromEntries(changed.map((s) => [s.key, fromDraft(s, draft[s.key])])) }),
    onSuccess: (data) => {
      setSaved(`Сохранено: ${changed.map((s) => s.label).join('; ')}.`);
      qc.setQueryData(keyOf('GET /college/settings'), data);
      void qc.invalidateQueries({ queryKey: keysOf('GET /people/settings') });
    },
  });
  const errors = fieldErrors(m.error);
  const errorOf = (key: string) => Object.entries(errors).find(([k]) => k === key || k.startsWith(`${key}.`))?.[1];
  useEffect(() => {
    if (m.error && Object.keys(fieldErrors(m.error)).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [m.error]);
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorNotice error={q.error} />;
  const sections = [...new Set(COLLEGE_SETTINGS.map((s) => s.section))];
  return (
    <>
      <h1>Настройки колледжа</h1>
      <p className="muted">
        Правила, которые {me.organization.shortName} задаёт сам. Рядом с каждой настройкой — на что она влияет. Изменения записываются в
        журнал действий.
      </p>
      <KeptNote shown={restored && !saved} />
      <form
        ref={formRef}
        aria-label="Настройки колледжа"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved('');
          if (changed.length) m.mutate();
        }}
      >
        {sections.map((section) => (
          <fieldset key={section} className="panel">
            <legend>
              <strong>{section}</strong>
            </legend>
            {COLLEGE_SETTINGS.filter((s) => s.section === section).map((s) => (
              <SettingControl
                key={s.key}
                s={s}
                value={draft[s.key]}
                own={q.data.own.includes(s.key)}
                error={errorOf(s.key)}
                onChange={(v) => setDraft((d) => ({ ...d, [s.key]: v }))}
              />
            ))}
          </fieldset>
        ))}
        {saved && <Notice kind="ok">{saved}</Notice>}
        {m.error && !Object.keys(errors).length ? <ErrorNotice error={m.error} /> : null}
        {m.error && Object.keys(errors).length ? <Notice kind="error">Настройки не сохранены: исправьте отмеченные поля.</Notice> : null}
        <div className="actions">
          <button type="submit" disabled={m.isPending || !changed.length}>
            Сохранить изменения
          </button>
          {changed.length > 0 && <span className="muted small">Изменено: {changed.length}</span>}
        </div>
      </form>
      <section className="panel" aria-labelledby="settings-history">
        <h2 id="settings-history" style={{ marginTop: 0 }}>
          История изменений
        </h2>
        {!q.data.history.length && <p className="muted">Настройки не менялись: действуют значения по умолчанию.</p>}
        <ul>
          {q.data.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              {dateTimeRu(h.at, me.organization.timeZone)}
              {h.by ? `, ${h.by}` : ''}:{' '}
              {h.changes
                .map((c) => {
                  const s = SETTING_BY_KEY.get(c.key)!;
                  return `${s.label}: ${shown(s, c.before)} → ${shown(s, c.after)}`;
                })
                .join('; ')}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function SettingControl({
  s,
  value,
  own,
  error,
  onChange,
}: {
  s: CollegeSetting;
  value: unknown;
  own: boolean;
  error?: string;
  onChange(v: unknown): void;
}) {
  const id = useId();
  const described = `${id}-effect${error ? ` ${id}-err` : ''}`;
  const effect = (
    <div className="muted small" id={`${id}-effect`}>
      {s.effect} {!own && 'Сейчас действует значение по умолчанию.'}
      {own && `По умолчанию: ${shown(s, s.default)}.`}
    </div>
  );
  const err = error && (
    <div className="field-error" id={`${id}-err`}>
      {error}
    </div>
  );
  if (s.kind === 'boolean')
    return (
      <div style={{ marginBottom: '0.75rem' }}>
        <label className="check">
          <input
            type="checkbox"
            name={s.key}
            checked={value === true}
            aria-describedby={described}
            onChange={(e) => onChange(e.target.checked)}
          />
          {s.label}
        </label>
        {effect}
        {err}
      </div>
    );
  if (s.kind === 'choices') {
    const list = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset style={{ marginBottom: '0.75rem' }} aria-describedby={described} aria-invalid={error ? true : undefined}>
        <legend>{s.label}</legend>
        {Object.entries(s.choices ?? {}).map(([k, title]) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              name={`${s.key}-${k}`}
              checked={list.includes(k)}
              onChange={(e) => onChange(e.target.checked ? [...list, k] : list.filter((x) => x !== k))}
            />
            {title}
          </label>
        ))}
        {effect}
        {err}
      </fieldset>
    );
  }
  return (
    <div style={{ marginBottom: '0.75rem' }}>
      <label htmlFor={id}>{s.label}</label>
      <input
        id={id}
        name={s.key}
        inputMode={s.kind === 'time' ? 'text' : s.kind === 'integer' ? 'numeric' : 'decimal'}
        placeholder={s.kind === 'time' ? 'ЧЧ:ММ' : undefined}
        style={{ maxWidth: '10rem' }}
        value={String(value ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      {effect}
      {err}
    </div>
  );
}
