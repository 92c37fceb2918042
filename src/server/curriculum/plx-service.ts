import type { PlxImportBody, PlxImportResult, TermHours } from '../../contracts/curriculum.js';
import { isAttestationForm } from '../../domain/curriculum.js';
import { countRu, NOUNS } from '../../domain/russian.js';
import {
  calendarSemesters,
  calendarTermDates,
  calendarTermWeeks,
  cycleTotals,
  diffItems,
  EXTRA_FORMS,
  fileTotalsOf,
  journalTerms,
  PlxError,
  STUDY_FORM_TITLES,
  type CalendarCourse,
  type JournalTerm,
  type PlxPlan,
} from '../../domain/plx.js';
import { audit } from '../platform/audit.js';
import type { Db, Tx } from '../platform/db.js';
import { conflict, fieldError, HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { DEFAULT_WEEKS, parseWeeks } from './curricula-service.js';
import { itemTerms, itemUsage, replaceTermsOfItems } from './queries.js';
import { readPlx } from './plx-read.js';
import * as q from './queries/curricula.js';
import { scopesOf } from '../platform/access.js';

// Import of a curriculum saved by «Планы» (.plx): a dry run that says what will be created or
// changed, then an all-or-nothing apply. A curriculum that already has load or recorded lessons
// is changed only when the caller confirms the listed changes.

const toTermHours = (t: JournalTerm): TermHours => ({
  termNo: t.termNo,
  hours: t.hours,
  form: t.form && isAttestationForm(t.form) ? t.form : null,
  extraForms: t.extraForms.filter((f): f is (typeof EXTRA_FORMS)[number] => (EXTRA_FORMS as readonly string[]).includes(f)),
});

function readFile(body: PlxImportBody): PlxPlan {
  const buf = Buffer.from(body.contentBase64, 'base64');
  try {
    if (!buf.length) throw new PlxError('not_plx', 'Файл пуст. Выберите файл учебного плана (.plx).');
    return readPlx(buf, body.fileName);
  } catch (e) {
    if (e instanceof PlxError) throw new HttpError(400, `plx_${e.code}`, e.message, { file: e.message });
    throw e;
  }
}

const programKind = (code: string) => (/^\d{2}\.01\./.test(code) ? 'profession' : 'specialty');

export async function importPlx(ctx: Ctx, body: PlxImportBody): Promise<PlxImportResult> {
  const orgId = ctx.principal.organizationId;
  const plan = readFile(body);
  const p = plan.program;
  let program: { id: number; code: string; name: string } | undefined;
  if (body.programId) {
    program = await q.programById(ctx.db, orgId, body.programId);
    if (!program) throw fieldError('programId', 'Выберите специальность (профессию) колледжа.');
    if (program.code.trim() !== p.code) {
      throw new HttpError(
        400,
        'plx_other_program',
        `Файл — учебный план специальности ${p.code} «${p.name}», а выбрана ${program.code} «${program.name}». Выберите другую специальность или другой файл.`,
        { programId: `В файле план ${p.code}, а не ${program.code}` },
      );
    }
  } else {
    program = await q.programByCode(ctx.db, orgId, p.code);
    // A program is part of the college's structure: the import creates one only for those who may change the structure.
    if (!program && !scopesOf(ctx.principal, 'structure:write').length) {
      throw new HttpError(
        400,
        'plx_no_program',
        `Специальности ${p.code} «${p.name}» в колледже нет. Её заводит администратор журнала в разделе «Структура»; затем загрузите файл снова.`,
        { programId: `Нет специальности ${p.code}` },
      );
    }
  }

  const incoming = plan.items.map((it) => ({ ...it, journal: journalTerms(it) }));
  const existing = program ? await q.curriculumOf(ctx.db, orgId, program.id, p.intakeYear) : undefined;
  const usage = existing
    ? await itemUsage(ctx.db, orgId, existing.id)
    : new Map<number, { assignments: number; lessons: number; plans: number }>();
  const oldItems = existing ? await q.itemCodes(ctx.db, orgId, existing.id) : [];
  const oldTerms = await itemTerms(
    ctx.db,
    orgId,
    oldItems.map((i) => i.id),
  );
  const changes = diffItems(
    oldItems.map((i) => {
      const u = usage.get(i.id);
      // A КТП keeps its item too: the item is kept, not removed, when anything is built on it.
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        terms: oldTerms.get(i.id) ?? [],
        assignments: (u?.assignments ?? 0) + (u?.plans ?? 0),
        lessons: u?.lessons ?? 0,
      };
    }),
    incoming.map((i) => ({ code: i.code, name: i.name, terms: i.journal })),
  );
  const used = [...usage.values()];
  const assignments = used.reduce((s, u) => s + u.assignments, 0);
  const lessons = used.reduce((s, u) => s + u.lessons, 0);
  const needsConfirmation = !!existing && (assignments > 0 || lessons > 0) && changes.length > 0;
  const count = (c: string) => changes.filter((x) => x.change === c).length;
  const counts = {
    items: incoming.length,
    add: count('add'),
    update: count('update'),
    remove: count('remove'),
    keep: count('keep'),
    unchanged: incoming.length - count('add') - count('update'),
  };
  const fileTotals = fileTotalsOf(plan);
  const curriculumName = existing?.name ?? `${p.code} ${program?.name ?? p.name}, набор ${p.intakeYear} года`;
  const result: PlxImportResult = {
    dryRun: !!body.dryRun,
    applied: false,
    curriculumId: existing?.id ?? null,
    program: {
      id: program?.id ?? null,
      code: p.code,
      name: program?.name ?? p.name,
      qualification: p.qualification,
      studyForm: STUDY_FORM_TITLES[p.studyForm],
      duration: p.duration,
      intakeYear: p.intakeYear,
      semesters: plan.semesters,
    },
    curriculum: { exists: !!existing, name: curriculumName, assignments, lessons },
    counts,
    changes,
    skipped: plan.skipped,
    notes: plan.notes,
    needsConfirmation,
    calendarSemesters: calendarSemesters(plan.calendar, p.semestersPerCourse),
    cycleTotals: cycleTotals(
      incoming.map((i) => ({ cycle: i.cycle, terms: i.journal })),
      fileTotals,
    ),
    message: '',
  };
  if (body.dryRun) {
    result.message = existing
      ? changes.length
        ? `Учебный план ${p.code} набора ${p.intakeYear} года уже есть: изменений — ${changes.length}.`
        : `Учебный план ${p.code} набора ${p.intakeYear} года уже есть и совпадает с файлом.`
      : `Будет создан учебный план ${p.code} набора ${p.intakeYear} года: ${countRu(incoming.length, NOUNS.row)}${program ? '' : `, и специальность ${p.code} «${p.name}»`}.`;
    return result;
  }
  if (needsConfirmation && !body.confirm) {
    throw conflict(
      `По учебному плану ${p.code} набора ${p.intakeYear} года уже распределена нагрузка (${assignments}) и записаны занятия (${lessons}). Просмотрите изменения и подтвердите загрузку.`,
      { needsConfirmation: true },
    );
  }

  const curriculumId = await ctx.db.transaction().execute(async (tx) => {
    if (!program && (await q.programByCode(tx, orgId, p.code))) {
      throw conflict(`Специальность ${p.code} только что завёл другой пользователь. Проверьте файл ещё раз.`);
    }
    let programId = program?.id;
    if (!programId) {
      programId = await q.insertProgram(tx, orgId, {
        code: p.code,
        name: p.name,
        qualification: p.qualification || '—',
        kind: programKind(p.code),
        durationTerms: plan.semesters,
      });
      await audit(tx, {
        organizationId: orgId,
        actorUserId: ctx.principal.userId,
        action: 'structure.program_created',
        entity: 'program',
        entityId: programId,
        after: { code: p.code, name: p.name },
        reason: `Загрузка учебного плана из файла «${body.fileName}»`,
        ip: ctx.ip,
      });
    }
    // Checked again inside the transaction: two imports of one plan do not make two curricula.
    const again = await q.curriculumOf(tx, orgId, programId, p.intakeYear);
    if ((again?.id ?? null) !== (existing?.id ?? null))
      throw conflict('Учебный план только что изменил другой пользователь. Проверьте файл ещё раз.');
    const fields = {
      study_form: p.studyForm,
      calendar: plan.calendar.length ? JSON.stringify(plan.calendar) : null,
      plx_totals: JSON.stringify(fileTotals),
      source_file: body.fileName,
      imported_at: new Date().toISOString(),
      term_weeks: JSON.stringify(calendarTermWeeks(plan.calendar, existing ? parseWeeks(existing.term_weeks) : DEFAULT_WEEKS)),
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await q.updateCurriculumRow(tx, orgId, id, fields);
    } else {
      id = await q.insertCurriculum(tx, orgId, { programId, intakeYear: p.intakeYear, name: curriculumName, ...fields });
    }
    await applyItems(tx, orgId, id, incoming, oldItems, changes);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum.import_plx',
      entity: 'curriculum',
      entityId: id,
      before: existing ? { changes: changes.map((c) => ({ code: c.code, change: c.change, details: c.details })) } : undefined,
      after: { programCode: p.code, intakeYear: p.intakeYear, ...counts, skipped: plan.skipped.length, confirmed: !!body.confirm },
      reason: `Загрузка из файла «${body.fileName}» («Планы»)`,
      ip: ctx.ip,
    });
    return id;
  });
  result.applied = true;
  result.curriculumId = curriculumId;
  result.message = existing
    ? `Учебный план ${p.code} набора ${p.intakeYear} года обновлён из «${body.fileName}»: добавлено ${counts.add}, изменено ${counts.update}, удалено ${counts.remove}.`
    : `Создан учебный план ${p.code} набора ${p.intakeYear} года из «${body.fileName}»: ${countRu(incoming.length, NOUNS.row)}.`;
  return result;
}

async function applyItems(
  tx: Tx,
  orgId: number,
  curriculumId: number,
  incoming: (PlxPlan['items'][number] & { journal: JournalTerm[] })[],
  oldItems: { id: number; code: string; name: string; commission_id: number | null }[],
  changes: ReturnType<typeof diffItems>,
) {
  const byCode = new Map(oldItems.map((i) => [i.code, i.id]));
  const ids = new Map<string, number>();
  // Modules first, so that their МДК and practices find them.
  const ordered = [...incoming.filter((i) => !i.parentCode), ...incoming.filter((i) => i.parentCode)];
  for (const it of ordered) {
    const parentId = it.parentCode ? (ids.get(it.parentCode) ?? null) : null;
    const values = { name: it.name, cycle: it.cycle, kind: it.kind, position: it.position, parent_id: parentId };
    const old = byCode.get(it.code);
    if (old) {
      await q.updateItemRow(tx, orgId, old, values);
      ids.set(it.code, old);
    } else {
      ids.set(it.code, await q.insertItem(tx, orgId, curriculumId, { code: it.code, commission_id: null, ...values }));
    }
  }
  const removed = changes
    .filter((c) => c.change === 'remove')
    .map((c) => byCode.get(c.code)!)
    .filter(Boolean);
  await q.deleteItems(tx, orgId, removed);
  await replaceTermsOfItems(tx, orgId, new Map(incoming.map((it) => [ids.get(it.code)!, it.journal.map(toTermHours)])));
}

/**
 * Term dates for a new academic year from the calendars of the curricula its groups study by:
 * each term from the earliest start to the latest end among them. Null when no curriculum has a calendar.
 */
export async function calendarTermDefaults(
  db: Db | Tx,
  orgId: number,
  startYear: number,
  groups: { programId: number; intakeYear: number; course: number }[],
) {
  if (!groups.length) return null;
  const rows = await q.curriculaWithCalendar(db, orgId, [...new Set(groups.map((g) => g.programId))]);
  const terms = new Map<number, { startDate: string; endDate: string }>();
  const sources = new Set<string>();
  for (const g of groups) {
    const c = rows.find((r) => r.program_id === g.programId && r.intake_year === g.intakeYear);
    if (!c?.calendar) continue;
    let calendar: CalendarCourse[];
    try {
      calendar = JSON.parse(c.calendar) as CalendarCourse[];
    } catch {
      continue;
    }
    const course = calendar.find((x) => x.course === g.course);
    if (!course) continue;
    sources.add(`${c.code} (${c.intake_year})`);
    for (const t of calendarTermDates(course, startYear)) {
      const cur = terms.get(t.number);
      terms.set(t.number, {
        startDate: !cur || t.startDate < cur.startDate ? t.startDate : cur.startDate,
        endDate: !cur || t.endDate > cur.endDate ? t.endDate : cur.endDate,
      });
    }
  }
  const t1 = terms.get(1);
  const t2 = terms.get(2);
  if (!t1 || !t2 || t1.endDate >= t2.startDate) return null;
  return {
    terms: [
      { number: 1, ...t1 },
      { number: 2, ...t2 },
    ],
    sources: [...sources].sort(),
  };
}
