import { HOUR_KINDS, isAttestationForm, type Hours } from '../../domain/curriculum.js';
import { EXTRA_FORMS } from '../../domain/plx.js';
import { todayIn } from '../../domain/dates.js';
import { defaultTerm } from '../../domain/terms.js';
import { fullName } from '../../domain/text.js';
import type { TermHours } from '../../contracts/curriculum.js';
import type { Db, Tx } from '../platform/db.js';
import { notFound } from '../platform/errors.js';

type Q = Db | Tx;

/**
 * An assignment (нагрузка) with its group, subgroup, subject, teacher and term, within the
 * organization: the one place this join is written. Callers add `where` and `select`
 * (aliases a, g, sg, ci, tp, t).
 */
export function assignmentsJoined(db: Q, orgId: number) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .where('a.organization_id', '=', orgId);
}

/** What places an assignment in the program: its subject, group (intake), subgroup and term (with its year). */
export const assignmentFacts = (db: Q, orgId: number, assignmentId: number) =>
  assignmentsJoined(db, orgId)
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select([
      'a.curriculum_item_id as itemId',
      'a.group_id as groupId',
      'a.subgroup_id as subgroupId',
      'g.intake_year as intakeYear',
      't.number as termNumber',
      'y.start_date as yearStart',
    ])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();

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

type TermRow = { curriculum_item_id: number; term_no: number; attestation_form: string | null; extra_forms: string | null } & Record<
  (typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS],
  number
>;

export function hoursOfRow(r: TermRow): Hours {
  return Object.fromEntries(HOUR_KINDS.map((k) => [k, r[HOUR_COLUMNS[k]]])) as Hours;
}

export function rowOfHours(h: Hours): Record<(typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS], number> {
  return Object.fromEntries(HOUR_KINDS.map((k) => [HOUR_COLUMNS[k], h[k]])) as Record<
    (typeof HOUR_COLUMNS)[keyof typeof HOUR_COLUMNS],
    number
  >;
}

/** The hours of items by program term. */
export async function itemTerms(db: Q, orgId: number, itemIds: number[]): Promise<Map<number, TermHours[]>> {
  const out = new Map<number, TermHours[]>();
  if (!itemIds.length) return out;
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('curriculum_item_terms')
      .selectAll()
      .where('organization_id', '=', orgId)
      .where('curriculum_item_id', 'in', itemIds.slice(i, i + 500))
      .orderBy('term_no')
      .execute();
    for (const r of rows) {
      if (!out.has(r.curriculum_item_id)) out.set(r.curriculum_item_id, []);
      out.get(r.curriculum_item_id)!.push({
        termNo: r.term_no,
        hours: hoursOfRow(r),
        form: r.attestation_form && isAttestationForm(r.attestation_form) ? r.attestation_form : null,
        extraForms: extraFormsOf(r.extra_forms),
      });
    }
  }
  return out;
}

const extraFormsOf = (raw: string | null) =>
  raw ? raw.split(',').filter((f): f is (typeof EXTRA_FORMS)[number] => (EXTRA_FORMS as readonly string[]).includes(f)) : [];

const termRowsOf = (orgId: number, itemId: number, terms: TermHours[]) =>
  terms
    .filter((t) => t.form || t.extraForms?.length || HOUR_KINDS.some((k) => t.hours[k] > 0))
    .map((t) => ({
      organization_id: orgId,
      curriculum_item_id: itemId,
      term_no: t.termNo,
      attestation_form: t.form,
      extra_forms: t.extraForms?.length ? t.extraForms.join(',') : null,
      ...rowOfHours(t.hours),
    }));

export async function replaceItemTerms(tx: Tx, orgId: number, itemId: number, terms: TermHours[]): Promise<void> {
  await tx.deleteFrom('curriculum_item_terms').where('organization_id', '=', orgId).where('curriculum_item_id', '=', itemId).execute();
  const rows = termRowsOf(orgId, itemId, terms);
  if (rows.length) await tx.insertInto('curriculum_item_terms').values(rows).execute();
}

/** The terms of many items at once (an import): the old rows go, the new ones are inserted in batches. */
export async function replaceTermsOfItems(tx: Tx, orgId: number, terms: Map<number, TermHours[]>): Promise<void> {
  const ids = [...terms.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    await tx
      .deleteFrom('curriculum_item_terms')
      .where('organization_id', '=', orgId)
      .where('curriculum_item_id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  const rows = [...terms].flatMap(([id, ts]) => termRowsOf(orgId, id, ts));
  for (let i = 0; i < rows.length; i += 200)
    await tx
      .insertInto('curriculum_item_terms')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Per item of a curriculum: teaching load rows, recorded lessons and КТП (what an import must not silently change). */
export async function itemUsage(
  db: Q,
  orgId: number,
  curriculumId: number,
): Promise<Map<number, { assignments: number; lessons: number; plans: number }>> {
  const [a, l, p] = await Promise.all([
    db
      .selectFrom('assignments as a')
      .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
      .select(['a.curriculum_item_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ci.curriculum_id', '=', curriculumId)
      .where('a.organization_id', '=', orgId)
      .groupBy('a.curriculum_item_id')
      .execute(),
    db
      .selectFrom('lessons as l')
      .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
      .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
      .select(['a.curriculum_item_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ci.curriculum_id', '=', curriculumId)
      .where('l.organization_id', '=', orgId)
      .where('l.recorded_at', 'is not', null)
      .groupBy('a.curriculum_item_id')
      .execute(),
    db
      .selectFrom('lesson_plans as lp')
      .innerJoin('curriculum_items as ci', 'ci.id', 'lp.curriculum_item_id')
      .select(['lp.curriculum_item_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ci.curriculum_id', '=', curriculumId)
      .where('lp.organization_id', '=', orgId)
      .groupBy('lp.curriculum_item_id')
      .execute(),
  ]);
  const out = new Map<number, { assignments: number; lessons: number; plans: number }>();
  const at = (id: number) => out.get(id) ?? out.set(id, { assignments: 0, lessons: 0, plans: 0 }).get(id)!;
  for (const r of a) at(r.id).assignments = Number(r.n);
  for (const r of l) at(r.id).lessons = Number(r.n);
  for (const r of p) at(r.id).plans = Number(r.n);
  return out;
}

export interface TermInfo {
  id: number;
  number: number;
  yearName: string;
  label: string;
  startDate: string;
  endDate: string;
  yearStart: number;
}

export async function termsOf(db: Q, orgId: number): Promise<TermInfo[]> {
  const rows = await db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as yearName', 'y.start_date as yearStartDate'])
    .where('t.organization_id', '=', orgId)
    .orderBy('t.start_date', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    yearName: r.yearName,
    label: `${r.yearName}, ${r.number}-й семестр`,
    startDate: r.start_date,
    endDate: r.end_date,
    yearStart: Number(r.yearStartDate.slice(0, 4)),
  }));
}

/** The term asked for, or the default one (domain/terms). */
export async function resolveTerm(db: Q, orgId: number, timeZone: string, termId?: number): Promise<TermInfo> {
  const terms = await termsOf(db, orgId);
  if (termId) {
    const t = terms.find((x) => x.id === termId);
    if (!t) throw notFound('Семестр не найден. Выберите семестр из списка.');
    return t;
  }
  const t = defaultTerm(terms, todayIn(timeZone));
  if (!t) throw notFound('В колледже нет учебных семестров. Администратор заводит учебный год и семестры.');
  return t;
}

/** The organization's name, for the heading of a document. */
export const organizationName = async (db: Q, orgId: number) =>
  (await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;

export const personName = (p: { last_name: string; first_name: string; middle_name: string | null }) => fullName(p);

export async function personNames(db: Q, orgId: number, ids: (number | null)[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids.filter((x): x is number => x != null))];
  if (!uniq.length) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'last_name', 'first_name', 'middle_name'])
    .where('organization_id', '=', orgId)
    .where('id', 'in', uniq)
    .execute();
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

export async function userNames(db: Q, orgId: number, ids: (number | null)[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids.filter((x): x is number => x != null))];
  if (!uniq.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'persons.last_name', 'persons.first_name', 'persons.middle_name'])
    .where('users.organization_id', '=', orgId)
    .where('users.id', 'in', uniq)
    .execute();
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

/** An item with its curriculum and commission. */
export async function itemWithCurriculum(db: Q, orgId: number, itemId: number) {
  return db
    .selectFrom('curriculum_items as ci')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .leftJoin('subject_commissions as sc', 'sc.id', 'ci.commission_id')
    .select([
      'ci.id',
      'ci.code',
      'ci.name',
      'ci.kind',
      'ci.parent_id',
      'ci.commission_id',
      'ci.curriculum_id',
      'c.name as curriculumName',
      'c.program_id',
      'c.intake_year',
      'sc.name as commissionName',
    ])
    .where('ci.id', '=', itemId)
    .where('ci.organization_id', '=', orgId)
    .executeTakeFirst();
}
