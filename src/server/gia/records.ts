import type { DemoExam, ModuleExam, StudentGia, Thesis } from '../../contracts/gia.js';
import type { DemoExamModule, GiaGrade } from '../../domain/gia.js';
import { shortName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';
import {
  academicYears,
  demoExamRows,
  groupNames,
  moduleExamRows,
  thesisRows,
  type DemoExamRow,
  type ModuleExamRow,
  type ThesisRow,
} from './queries.js';

// The records as the API shows them, and a student's records for other areas (the forecasts).

const by = (r: { by_last: string; by_first: string; by_middle: string | null; set_at: string; version: number }) => ({
  by: shortName({ last_name: r.by_last, first_name: r.by_first, middle_name: r.by_middle }),
  at: r.set_at,
  version: r.version,
});

function modulesOf(json: string | null): DemoExamModule[] | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as DemoExamModule[];
  } catch {
    return null;
  }
}

export const demoExamOf = (r: DemoExamRow): DemoExam => ({
  id: r.id,
  examDate: r.exam_date,
  competence: r.competence,
  level: r.level,
  points: r.points_x100 / 100,
  maxPoints: r.max_points,
  modules: modulesOf(r.modules),
  grade: r.grade as GiaGrade,
  ...by(r),
});

export const thesisOf = (r: ThesisRow): Thesis => ({
  id: r.id,
  topic: r.topic,
  supervisor: r.supervisor,
  reviewer: r.reviewer,
  supervisorGrade: r.supervisor_grade as GiaGrade | null,
  reviewerGrade: r.reviewer_grade as GiaGrade | null,
  admission: r.admission,
  defenseDate: r.defense_date,
  grade: r.grade as GiaGrade | null,
  ...by(r),
});

export const moduleExamOf = (r: ModuleExamRow): ModuleExam => ({
  id: r.id,
  moduleId: r.curriculum_item_id,
  examDate: r.exam_date,
  mastered: r.mastered === 1,
  grade: r.grade as GiaGrade,
  ...by(r),
});

/**
 * A student's demo exams, theses and module exams of every year, by year and group (oldest first).
 * No reach is applied: the caller has decided the student is theirs to read (the forecasts may use it).
 */
export async function giaRecordsOfStudent(db: Db | Tx, orgId: number, studentId: number): Promise<StudentGia['records']> {
  const [demo, theses, modules, years] = await Promise.all([
    demoExamRows(db, orgId, { studentId }),
    thesisRows(db, orgId, { studentId }),
    moduleExamRows(db, orgId, { studentId }),
    academicYears(db, orgId),
  ]);
  const keys = new Map<string, { yearId: number; groupId: number }>();
  for (const r of [...demo, ...theses, ...modules])
    keys.set(`${r.academic_year_id}|${r.group_id}`, { yearId: r.academic_year_id, groupId: r.group_id });
  const groups = new Map((await groupNames(db, orgId, [...new Set([...keys.values()].map((k) => k.groupId))])).map((g) => [g.id, g.name]));
  const order = new Map(years.map((y, i) => [y.id, i]));
  return [...keys.values()]
    .sort((a, b) => (order.get(a.yearId) ?? 0) - (order.get(b.yearId) ?? 0) || a.groupId - b.groupId)
    .map((k) => {
      const here = (r: { academic_year_id: number; group_id: number }) => r.academic_year_id === k.yearId && r.group_id === k.groupId;
      const d = demo.find(here);
      const t = theses.find(here);
      return {
        yearName: years.find((y) => y.id === k.yearId)?.name ?? '',
        groupName: groups.get(k.groupId) ?? '',
        demoExam: d ? demoExamOf(d) : null,
        thesis: t ? thesisOf(t) : null,
        moduleExams: modules.filter(here).map((m) => ({ ...moduleExamOf(m), moduleCode: m.module_code, moduleName: m.module_name })),
      };
    });
}
