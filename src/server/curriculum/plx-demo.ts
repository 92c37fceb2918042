import { PROGRAMS } from '../demo/world.js';
import { termRow } from './demo.js';
import { cycleOf, DEMO_CURRICULA, kindOf, type ItemSpec } from './demo-programs.js';
import { HOURS_PER_PRACTICE_WEEK } from '../../domain/plx.js';
import { standardCalendar, writePlx, type PlxSource, type PlxSourceItem } from './plx-write.js';

// The demo programs' curricula as «Планы» files: the demo can be re-created from them
// (`ejournal plx-demo`), and the round-trip test imports them back.

export const DEMO_PLX_PROGRAMS = Object.keys(DEMO_CURRICULA);

export function demoPlxSource(programCode: string, intakeYear: number): PlxSource {
  const program = PROGRAMS.find((p) => p.code === programCode);
  const specs = DEMO_CURRICULA[programCode];
  if (!program || !specs) throw new Error(`No demo curriculum for ${programCode}`);
  const items: PlxSourceItem[] = [];
  const add = (spec: ItemSpec, parentCode: string | null) => {
    items.push({
      code: spec.code,
      name: spec.name,
      kind: kindOf(spec),
      cycle: cycleOf(spec.code),
      parentCode,
      terms: Object.entries(spec.terms).map(([t, s]) => {
        const { form, ...hours } = termRow(s);
        return { termNo: Number(t), hours, form, extraForms: [] };
      }),
    });
    for (const c of spec.children ?? []) add(c, spec.code);
  };
  for (const s of specs) add(s, null);
  const weeksOf = (termNo: number, kind: string) =>
    items.filter((it) => it.kind === kind).reduce((sum, it) => sum + (it.terms.find((t) => t.termNo === termNo)?.hours.practice ?? 0), 0) /
    HOURS_PER_PRACTICE_WEEK;
  const practice = (termNo: number) => ({
    educational: weeksOf(termNo, 'educational_practice'),
    industrial: weeksOf(termNo, 'industrial_practice'),
  });
  return {
    program: {
      code: program.code,
      name: program.name,
      qualification: program.qualification,
      studyForm: 'full_time',
      intakeYear,
      semesters: 8,
    },
    items,
    calendar: standardCalendar(4, practice),
  };
}

export function demoPlxFiles(intakeYear: number): { fileName: string; content: Buffer }[] {
  return DEMO_PLX_PROGRAMS.map((code) => ({ fileName: `${code}_${intakeYear}.plx`, content: writePlx(demoPlxSource(code, intakeYear)) }));
}
