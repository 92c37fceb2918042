import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

// SQL of the curricula (учебные планы), their items and the .plx import.

export const curriculaList = (db: Q, orgId: number, programId?: number) =>
  db
    .selectFrom('curricula as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .select(['c.id', 'c.program_id', 'c.intake_year', 'c.name', 'c.status', 'p.code', 'p.name as programName'])
    .where('c.organization_id', '=', orgId)
    .$if(!!programId, (q) => q.where('c.program_id', '=', programId!))
    .orderBy('p.code')
    .orderBy('c.intake_year', 'desc')
    .execute();

export const programs = (db: Q, orgId: number) =>
  db.selectFrom('programs').select(['id', 'code', 'name']).where('organization_id', '=', orgId).orderBy('code').execute();

export const commissions = (db: Q, orgId: number) =>
  db.selectFrom('subject_commissions').select(['id', 'name']).where('organization_id', '=', orgId).orderBy('name').execute();

export const itemCounts = (db: Q, orgId: number) =>
  db
    .selectFrom('curriculum_items')
    .select(['curriculum_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', orgId)
    .groupBy('curriculum_id')
    .execute();

/** Active groups, of one program and intake when given. */
export const activeGroupsOf = (db: Q, orgId: number, of?: { programId: number; intakeYear: number }) =>
  db
    .selectFrom('groups')
    .select(['id', 'name', 'program_id', 'intake_year', 'sort_key'])
    .where('organization_id', '=', orgId)
    .where('status', '=', 'active')
    .$if(!!of, (q) => q.where('program_id', '=', of!.programId).where('intake_year', '=', of!.intakeYear))
    .orderBy('sort_key')
    .execute();

export const curriculumRow = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('curricula as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .select([
      'c.id',
      'c.program_id',
      'c.intake_year',
      'c.name',
      'c.status',
      'c.term_weeks',
      'c.study_form',
      'c.calendar',
      'c.plx_totals',
      'c.source_file',
      'c.imported_at',
      'p.code',
      'p.name as programName',
    ])
    .where('c.id', '=', id)
    .where('c.organization_id', '=', orgId)
    .executeTakeFirst();

/** The items of a curriculum in order, with their commission's name. */
export const curriculumItems = (db: Q, orgId: number, curriculumId: number) =>
  db
    .selectFrom('curriculum_items as ci')
    .leftJoin('subject_commissions as sc', 'sc.id', 'ci.commission_id')
    .select([
      'ci.id',
      'ci.parent_id',
      'ci.cycle',
      'ci.code',
      'ci.name',
      'ci.kind',
      'ci.commission_id',
      'ci.position',
      'sc.name as commissionName',
    ])
    .where('ci.curriculum_id', '=', curriculumId)
    .where('ci.organization_id', '=', orgId)
    .orderBy('ci.position')
    .orderBy('ci.id')
    .execute();

/** The number of load rows of each item of a curriculum. */
export const assignmentsPerItem = (db: Q, orgId: number, curriculumId: number) =>
  db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['a.curriculum_item_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ci.curriculum_id', '=', curriculumId)
    .where('a.organization_id', '=', orgId)
    .groupBy('a.curriculum_item_id')
    .execute();

export const programById = (db: Q, orgId: number, id: number) =>
  db.selectFrom('programs').select(['id', 'code', 'name']).where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const programByCode = (db: Q, orgId: number, code: string) =>
  db.selectFrom('programs').select(['id', 'code', 'name']).where('organization_id', '=', orgId).where('code', '=', code).executeTakeFirst();

export const curriculumOf = (db: Q, orgId: number, programId: number, intakeYear: number) =>
  db
    .selectFrom('curricula')
    .select(['id', 'name', 'term_weeks'])
    .where('organization_id', '=', orgId)
    .where('program_id', '=', programId)
    .where('intake_year', '=', intakeYear)
    .orderBy('id')
    .executeTakeFirst();

type CurriculumFields = Partial<{
  name: string;
  status: string;
  term_weeks: string | null;
  study_form: string;
  calendar: string | null;
  plx_totals: string;
  source_file: string;
  imported_at: string;
}>;

export const insertCurriculum = async (
  tx: Tx,
  orgId: number,
  c: { programId: number; intakeYear: number; name: string } & CurriculumFields,
) => {
  const { programId, intakeYear, ...fields } = c;
  return (
    await tx
      .insertInto('curricula')
      .values({ organization_id: orgId, program_id: programId, intake_year: intakeYear, status: 'draft', ...fields })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
};

export const updateCurriculumRow = (tx: Tx, orgId: number, id: number, set: CurriculumFields) =>
  tx.updateTable('curricula').set(set).where('organization_id', '=', orgId).where('id', '=', id).execute();

export const deleteCurriculumRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('curricula').where('id', '=', id).where('organization_id', '=', orgId).execute();

/** Whether load is given by the curriculum. */
export const curriculumHasLoad = async (db: Q, orgId: number, id: number) =>
  !!(await db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select('a.id')
    .where('a.organization_id', '=', orgId)
    .where('ci.curriculum_id', '=', id)
    .executeTakeFirst());

/** Whether load is given by any of the items. */
export const itemsHaveLoad = async (db: Q, orgId: number, itemIds: number[]) =>
  !!(await db
    .selectFrom('assignments')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', 'in', itemIds)
    .executeTakeFirst());

export const itemRows = (db: Q, orgId: number, curriculumId: number) =>
  db
    .selectFrom('curriculum_items')
    .selectAll()
    .where('curriculum_id', '=', curriculumId)
    .where('organization_id', '=', orgId)
    .orderBy('parent_id')
    .orderBy('id')
    .execute();

export const itemRow = (db: Q, orgId: number, curriculumId: number, itemId: number) =>
  db
    .selectFrom('curriculum_items')
    .selectAll()
    .where('id', '=', itemId)
    .where('curriculum_id', '=', curriculumId)
    .where('organization_id', '=', orgId)
    .executeTakeFirst();

export const itemByCode = (db: Q, orgId: number, curriculumId: number, code: string, exceptId?: number) =>
  db
    .selectFrom('curriculum_items')
    .select(['id', 'kind'])
    .where('organization_id', '=', orgId)
    .where('curriculum_id', '=', curriculumId)
    .where('code', '=', code)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();

export const itemCodes = (db: Q, orgId: number, curriculumId: number) =>
  db
    .selectFrom('curriculum_items')
    .select(['id', 'code', 'name', 'commission_id'])
    .where('organization_id', '=', orgId)
    .where('curriculum_id', '=', curriculumId)
    .execute();

export const childItemIds = async (db: Q, orgId: number, parentId: number) =>
  (
    await db.selectFrom('curriculum_items').select('id').where('organization_id', '=', orgId).where('parent_id', '=', parentId).execute()
  ).map((x) => x.id);

export const lastItemPosition = async (db: Q, orgId: number, curriculumId: number) =>
  Number(
    (
      await db
        .selectFrom('curriculum_items')
        .select((eb) => eb.fn.max('position').as('m'))
        .where('organization_id', '=', orgId)
        .where('curriculum_id', '=', curriculumId)
        .executeTakeFirst()
    )?.m ?? 0,
  );

type ItemValues = Partial<{
  parent_id: number | null;
  cycle: string;
  code: string;
  name: string;
  kind: string;
  commission_id: number | null;
  position: number;
}>;

export const insertItem = async (
  tx: Tx,
  orgId: number,
  curriculumId: number,
  v: ItemValues & { code: string; name: string; kind: string; cycle: string; position: number },
) =>
  (
    await tx
      .insertInto('curriculum_items')
      .values({ organization_id: orgId, curriculum_id: curriculumId, parent_id: null, commission_id: null, ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateItemRow = (tx: Tx, orgId: number, id: number, v: ItemValues) =>
  tx.updateTable('curriculum_items').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();

export const deleteItemRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('curriculum_items').where('organization_id', '=', orgId).where('id', '=', id).execute();

/** Removes items, first freeing the children that pointed at them. */
export async function deleteItems(tx: Tx, orgId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .updateTable('curriculum_items')
    .set({ parent_id: null })
    .where('organization_id', '=', orgId)
    .where('parent_id', 'in', ids)
    .execute();
  await tx.deleteFrom('curriculum_items').where('organization_id', '=', orgId).where('id', 'in', ids).execute();
}

export const commissionById = (db: Q, orgId: number, id: number) =>
  db.selectFrom('subject_commissions').select('id').where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();

export const insertProgram = async (
  tx: Tx,
  orgId: number,
  p: { code: string; name: string; qualification: string; kind: string; durationTerms: number },
) =>
  (
    await tx
      .insertInto('programs')
      .values({
        organization_id: orgId,
        department_id: null,
        code: p.code,
        name: p.name,
        qualification: p.qualification,
        kind: p.kind,
        duration_terms: p.durationTerms,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

/** Curricula with an academic calendar, of the programs. */
export const curriculaWithCalendar = (db: Q, orgId: number, programIds: number[]) =>
  db
    .selectFrom('curricula as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .select(['c.program_id', 'c.intake_year', 'c.calendar', 'p.code'])
    .where('c.organization_id', '=', orgId)
    .where('c.calendar', 'is not', null)
    .where('c.program_id', 'in', programIds.length ? programIds : [0])
    .execute();
