import {
  applySettings,
  COLLEGE_SETTINGS,
  effectiveValue,
  SETTING_BY_KEY,
  settingsProblems,
  valueAt,
  type CollegeSettings,
} from '../../contracts/college-settings.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { badRequest } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import * as q from './queries.js';

// The college's settings (issue 15 item 2, decision 038): read and changed through the registry of
// contracts/college-settings.ts, each change audited with its old and new values.

// `gia.settings_changed`: the demo exam's cut-offs as changed before they joined the registry (a `cutoffs` triple).
const ACTIONS = ['college.settings_changed', 'people.settings_changed', 'gia.settings_changed'] as const;
const HISTORY = 20;

function parse(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A change as the registry names it: the former `cutoffs` triple is its three settings. */
function registryKeys(o: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(o.cutoffs)) return o;
  const { cutoffs, ...rest } = o;
  const c = cutoffs as unknown[];
  return { ...rest, demoExamCutoff3: c[0], demoExamCutoff4: c[1], demoExamCutoff5: c[2] };
}

const json = (text: string | null) => (text ? registryKeys(parse(text)) : {});

export async function getCollegeSettings(ctx: Ctx): Promise<CollegeSettings> {
  const orgId = ctx.principal.organizationId;
  const [text, changes] = await Promise.all([q.settingsText(ctx.db, orgId), q.settingsChanges(ctx.db, orgId, ACTIONS, HISTORY)]);
  const stored = parse(text);
  return {
    values: Object.fromEntries(COLLEGE_SETTINGS.map((s) => [s.key, effectiveValue(stored, s)])),
    own: COLLEGE_SETTINGS.filter((s) => valueAt(stored, s.path) !== undefined).map((s) => s.key),
    history: changes.map((c) => {
      const before = json(c.before);
      const after = json(c.after);
      return {
        at: c.at,
        by: c.last_name ? fullName({ last_name: c.last_name, first_name: c.first_name ?? '', middle_name: c.middle_name }) : null,
        changes: Object.keys(after)
          .filter((k) => SETTING_BY_KEY.has(k))
          .map((key) => ({ key, before: before[key] ?? null, after: after[key] })),
      };
    }),
  };
}

export async function changeCollegeSettings(ctx: Ctx, patch: Record<string, unknown>): Promise<CollegeSettings> {
  const orgId = ctx.principal.organizationId;
  await ctx.db.transaction().execute(async (tx) => {
    const stored = parse(await q.settingsText(tx, orgId));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      const s = SETTING_BY_KEY.get(key)!;
      const old = effectiveValue(stored, s);
      if (JSON.stringify(old) === JSON.stringify(value) && valueAt(stored, s.path) !== undefined) continue;
      before[key] = old;
      after[key] = value;
    }
    if (!Object.keys(after).length) return;
    const problems = settingsProblems(stored, patch);
    if (Object.keys(problems).length) throw badRequest(Object.values(problems)[0], problems);
    await q.saveSettingsText(tx, orgId, JSON.stringify(applySettings(stored, after)));
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      ip: ctx.ip,
      action: 'college.settings_changed',
      entity: 'organization',
      entityId: orgId,
      before,
      after,
    });
  });
  return getCollegeSettings(ctx);
}
