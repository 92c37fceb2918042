import type { Db } from '../src/server/platform/db.js';
import { buildAcademicYear, buildAssignment, buildGroup, buildGuardian, buildProgram, buildStudent, buildUser } from './factories.js';

/**
 * A graduating group for the ГИА: a fourth-course group (intake 2023) with its curriculum (a
 * professional module, its МДК, the ГИА line), three students, its curator, a teacher of the
 * group, and the control roles; the previous year closed. Another group and its student beside it.
 */
export async function buildGiaWorld(db: Db, orgId: number) {
  const past = await buildAcademicYear(db, orgId, 2025);
  await db.updateTable('academic_years').set({ status: 'archived' }).where('id', '=', past.id).execute();
  const year = await buildAcademicYear(db, orgId, 2026);
  const program = await buildProgram(db, orgId, { code: '43.02.15', name: 'Поварское и кондитерское дело' });
  const curator = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Куратова' });
  const group = await buildGroup(db, { orgId, name: 'ПК-23', course: 4, curatorPersonId: curator.personId, programId: program.id });
  const cur = await db
    .insertInto('curricula')
    .values({ organization_id: orgId, program_id: program.id, intake_year: 2023, name: 'План набора 2023', status: 'approved' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = async (code: string, name: string, kind: string, parentId: number | null, position: number) =>
    (
      await db
        .insertInto('curriculum_items')
        .values({
          organization_id: orgId,
          curriculum_id: cur.id,
          parent_id: parentId,
          cycle: code === 'ГИА' ? 'ГИА' : 'ПМ',
          code,
          name,
          kind,
          commission_id: null,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const pm1 = await item('ПМ.01', 'Приготовление блюд из овощей', 'module', null, 10);
  const mdk = await item('МДК.01.01', 'Технология приготовления блюд из овощей', 'mdk', pm1, 11);
  const pm2 = await item('ПМ.02', 'Приготовление супов и соусов', 'module', null, 20);
  const gia = await item('ГИА', 'Государственная итоговая аттестация', 'gia', null, 90);
  const hours = {
    theory_hours: 0,
    practical_hours: 0,
    laboratory_hours: 0,
    course_project_hours: 0,
    practice_hours: 0,
    self_study_hours: 0,
    consultation_hours: 0,
    exam_hours: 0,
  };
  await db
    .insertInto('curriculum_item_terms')
    .values([
      {
        organization_id: orgId,
        curriculum_item_id: mdk,
        term_no: 7,
        ...hours,
        theory_hours: 40,
        practical_hours: 20,
        attestation_form: 'Э',
      },
      { organization_id: orgId, curriculum_item_id: gia, term_no: 8, ...hours, consultation_hours: 12, attestation_form: 'ДЭ' },
    ])
    .execute();
  const students = [];
  for (const lastName of ['Абрамова', 'Борисов', 'Ёжиков'])
    students.push(await buildStudent(db, group, { lastName, since: '2023-09-01', withLogin: true }));
  const guardian = await buildGuardian(db, orgId, [students[0].id]);
  const teacher = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Учителева' });
  await buildAssignment(db, { group, teacherPersonId: teacher.personId, termId: year.termIds[0], subjectId: mdk });
  const secretary = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Секретарёва' });
  const deputy = await buildUser(db, { orgId, roles: ['deputy'], lastName: 'Заместителева' });
  const director = await buildUser(db, { orgId, roles: ['director'] });
  const other = await buildGroup(db, { orgId, name: 'ПК-25', course: 2, programId: program.id });
  const otherStudent = await buildStudent(db, other, { lastName: 'Чужой', withLogin: true });
  return {
    past,
    year,
    program,
    group,
    students,
    guardian,
    curator,
    teacher,
    secretary,
    deputy,
    director,
    modules: { pm1, pm2, mdk, gia },
    other,
    otherStudent,
  };
}
