import { useEffect, useState } from 'react';
import type { Access } from '../../../../src/contracts/people.js';
import { SEX_TITLES, SEXES } from '../../../../src/domain/people.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { SelectField } from '../../ui/index.js';

/** Whether a person can sign in and when they last did (п. 3.7). */
export function AccessBadge({ access }: { access: Access }) {
  const me = useMe();
  if (!access.login) return <span className="badge warn">доступ не выдан</span>;
  if (!access.lastLoginAt) return <span className="badge danger" title={`Логин ${access.login}`}>ни разу не входил(а)</span>;
  return <span className="badge ok" title={`Логин ${access.login}`}>вход {dateTimeRu(access.lastLoginAt, me.organization.timeZone)}</span>;
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(p: number): void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize) return <p className="muted small">Всего: {total}</p>;
  return (
    <nav className="pager" aria-label="Страницы">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>← Назад</button>
      <span>Страница {page} из {pages} · всего {total}</span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>Вперёд →</button>
    </nav>
  );
}

/** A value that settles after the user stops typing. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Saves a base64 file the server produced (slips, exports) under its Russian name. */
export function downloadBase64(base64: string, fileName: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a chosen file as base64 for the JSON upload. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('Не удалось прочитать файл.'));
    r.readAsDataURL(file);
  });
}

export const STATUS_TITLES: Record<string, string> = {
  active: 'Обучается',
  leave: 'Академ. отпуск',
  expelled: 'Отчислен',
  graduated: 'Выпускник',
};

/** «Пол»: names are declined by it; left empty, it is inferred from the patronymic. */
export function SexField({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string }) {
  return (
    <SelectField label="Пол" value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">— по отчеству —</option>
      {SEXES.map((s) => <option key={s} value={s}>{SEX_TITLES[s]}</option>)}
    </SelectField>
  );
}
