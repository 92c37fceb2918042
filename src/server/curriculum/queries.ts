import { HOUR_KINDS, isAttestationForm, type Hours } from '../../domain/curriculum.js';
import { todayIn } from '../../domain/dates.js';
import { fullName } from '../../domain/text.js';
import type { TermHours } from '../../contracts/curriculum.js';
import type { Db, Tx } from '../platform/db.js';
import { notFound } from '../platform/errors.js';

type Q = Db | Tx;

export const HOUR_COLUMNS = {
  theory: 'theory_hours',
  practical: 'practical_hours',
  laboratory: 'laboratory_hours',
  course_project: 'course_project_hours',
  practice: 'practice_hours',
  self_study: 'self_study_hours',
  consultation: 'consultation_hours',
  exam: 'exam_hours',
} as const;

type TermRow = { curriculum_item_id: number; term_no: number; attestation_form: string | null } & Record<(typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS], number>;

export function hoursOfRow(r: TermRow): Hours {
  return Object.fromEntries(HOUR_KINDS.map((k) => [k, r[HOUR_COLUMNS[k]]])) as Hours;
}

export function rowOfHours(h: Hours): Record<(typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS], number> {
  return Object.fromEntries(HOUR_KINDS.map((k) => [HOUR_COLUMNS[k], h[k]])) as Record<(typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS], number>;
}

/** The hours of items by program term. */
export async function itemTerms(db: Q, orgId: number, itemIds: number[]): Promise<Map<number, TermHours[]>> {
  const out = new Map<number, TermHours[]>();
  if (!itemIds.length) return out;
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db.selectFrom('curriculum_item_terms').selectAll().where('organization_id', '=', orgId)
      .where('curriculum_item_id', 'in', itemIds.slice(i, i + 500)).orderBy('term_no').execute();
    for (const r of rows) {
      if (!out.has(r.curriculum_item_id)) out.set(r.curriculum_item_id, []);
      out.get(r.curriculum_item_id)!.push({ termNo: r.term_no, hours: hoursOfRow(r), form: r.attestation_form && isAttestationForm(r.attestation_form) ? r.attestation_form : null });
    }
  }
  return out;
}

export async function replaceItemTerms(tx: Tx, orgId: number, itemId: number, terms: TermHours[]): Promise<void> {
  await tx.deleteFrom('curriculum_item_terms').where('organization_id', '=', orgId).where('curriculum_item_id', '=', itemId).execute();
  const rows = terms
    .filter((t) => t.form || HOUR_KINDS.some((k) => t.hours[k] > 0))
    .map((t) => ({ organization_id: orgId, curriculum_item_id: itemId, term_no: t.termNo, attestation_form: t.form, ...rowOfHours(t.hours) }));
  if (rows.length) await tx.insertInto('curriculum_item_terms').values(rows).execute();
}

export interface TermInfo { id: number; number: number; yearName: string; label: string; startDate: string; endDate: string; yearStart: number }

export async function termsOf(db: Q, orgId: number): Promise<TermInfo[]> {
  const rows = await db.selectFrom('terms as t').innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as yearName', 'y.start_date as yearStartDate'])
    .where('t.organization_id', '=', orgId).orderBy('t.start_date', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, number: r.number, yearName: r.yearName, label: `${r.yearName}, ${r.number}-й семестр`, startDate: r.start_date, endDate: r.end_date, yearStart: Number(r.yearStartDate.slice(0, 4)),
  }));
}

/** The term asked for, or the current one (between terms: the coming one). */
export async function resolveTerm(db: Q, orgId: number, timeZone: string, termId?: number): Promise<TermInfo> {
  const terms = await termsOf(db, orgId);
  if (termId) {
    const t = terms.find((x) => x.id === termId);
    if (!t) throw notFound('Семестр не найден. Выберите семестр из списка.');
    return t;
  }
  const today = todayIn(timeZone);
  const asc = [...terms].reverse();
  const t = asc.find((x) => x.startDate <= today && today <= x.endDate) ?? asc.find((x) => x.startDate > today) ?? terms[0];
  if (!t) throw notFound('В колледже нет учебных семестров. Администратор заводит учебный год и семестры.');
  return t;
}

export const personName = (p: { last_name: string; first_name: string; middle_name: string | null }) => fullName(p);

export async function personNames(db: Q, orgId: number, ids: (number | null)[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids.filter((x): x is number => x != null))];
  if (!uniq.length) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'last_name', 'first_name', 'middle_name']).where('organization_id', '=', orgId).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

export async function userNames(db: Q, orgId: number, ids: (number | null)[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids.filter((x): x is number => x != null))];
  if (!uniq.length) return new Map();
  const rows = await db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'persons.last_name', 'persons.first_name', 'persons.middle_name']).where('users.organization_id', '=', orgId).where('users.id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

/** An item with its curriculum and commission. */
export async function itemWithCurriculum(db: Q, orgId: number, itemId: number) {
  return db.selectFrom('curriculum_items as ci')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .leftJoin('subject_commissions as sc', 'sc.id', 'ci.commission_id')
    .select(['ci.id', 'ci.code', 'ci.name', 'ci.kind', 'ci.parent_id', 'ci.commission_id', 'ci.curriculum_id', 'c.name as curriculumName', 'c.program_id', 'c.intake_year', 'sc.name as commissionName'])
    .where('ci.id', '=', itemId).where('ci.organization_id', '=', orgId).executeTakeFirst();
}
