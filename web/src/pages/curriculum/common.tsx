import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LESSON_PLAN_STATUS_TITLES, type LessonPlanStatus } from '../../../../src/domain/curriculum.js';
import { numberRu } from '../../format.js';

const STATUS_CLASS: Record<LessonPlanStatus, string> = { draft: '', submitted: 'warn', approved: 'ok', returned: 'danger' };

export function PlanStatus({ status }: { status: LessonPlanStatus }) {
  return <span className={`badge ${STATUS_CLASS[status]}`}>{LESSON_PLAN_STATUS_TITLES[status]}</span>;
}

/** A link that downloads a file from the API (the session cookie goes with it); `href` comes from hrefOf. */
export function Download({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="button secondary" href={href} download>
      {children}
    </a>
  );
}

export function TermSelect({
  id,
  terms,
  value,
  onChange,
}: {
  id: string;
  terms: { id: number; label: string }[];
  value: number | null;
  onChange(v: number): void;
}) {
  return (
    <div style={{ maxWidth: 340 }}>
      <label htmlFor={id}>Семестр</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {terms.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const hoursText = (n: number) => `${numberRu(n)} ч`;

/** After a КТП changes, the lists of plans (the approval queue, the teacher's subjects) are stale. */
export const invalidatePlans = (qc: QueryClient) =>
  Promise.all((['GET /lesson-plans', 'GET /lesson-plans/mine'] as const).map((k) => qc.invalidateQueries({ queryKey: [k] })));
