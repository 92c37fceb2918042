import type { Tx } from '../../platform/db.js';

// What an import of students and staff (п. 3.2) reads of the college, and its batched writes.

/** Everything the students import matches rows against: groups, subgroups, students with their current group, guardians. */
export async function studentsImportState(tx: Tx, orgId: number) {
  const [groups, subgroups, students, links] = await Promise.all([
    tx
      .selectFrom('groups')
      .select(['id', 'name', 'sort_key'])
      .where('organization_id', '=', orgId)
      .where('status', '=', 'active')
      .execute(),
    tx.selectFrom('subgroups').select(['id', 'group_id', 'name']).where('organization_id', '=', orgId).execute(),
    tx
      .selectFrom('students as s')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
      .select([
        's.id',
        's.status',
        's.record_book_no',
        'p.id as person_id',
        'p.last_name',
        'p.first_name',
        'p.middle_name',
        'p.gender',
        'p.birth_date',
        'p.snils',
        'p.phone',
        'p.email',
        'p.sort_key',
        'gm.group_id',
      ])
      .where('s.organization_id', '=', orgId)
      .execute(),
    tx
      .selectFrom('guardian_links as gl')
      .innerJoin('persons as p', 'p.id', 'gl.guardian_person_id')
      .select(['gl.student_id', 'p.id', 'p.sort_key', 'p.phone', 'p.email'])
      .where('gl.organization_id', '=', orgId)
      .execute(),
  ]);
  return { groups, subgroups, students, links };
}

/** Staff with each of their roles, one row a role. */
export async function staffForImport(tx: Tx, orgId: number) {
  return tx
    .selectFrom('persons as p')
    .innerJoin('staff_roles as r', 'r.person_id', 'p.id')
    .select(['p.id', 'p.sort_key', 'p.gender', 'p.birth_date', 'p.snils', 'p.phone', 'p.email', 'r.role'])
    .where('p.organization_id', '=', orgId)
    .execute();
}

export async function setRecordBook(tx: Tx, orgId: number, studentId: number, recordBookNo: string) {
  await tx
    .updateTable('students')
    .set({ record_book_no: recordBookNo })
    .where('organization_id', '=', orgId)
    .where('id', '=', studentId)
    .execute();
}

type ChunkTable =
  'persons' | 'students' | 'group_memberships' | 'subgroup_memberships' | 'enrollment_events' | 'guardian_links' | 'staff_roles';

/** Inserts rows in batches of 300; returns their ids in order. */
export async function insertChunked<T extends { organization_id: number }>(tx: Tx, table: ChunkTable, rows: T[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 300) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r = await (tx as any)
      .insertInto(table)
      .values(rows.slice(i, i + 300))
      .returning('id')
      .execute();
    for (const x of r as { id: number }[]) ids.push(x.id);
  }
  return ids;
}
