import type { MigrationDb } from '../../platform/migrations/helpers.js';

// Issue 16, the gaps after it (decision 050):
// - the grades of a thesis given by its supervisor (отзыв руководителя) and its reviewer (рецензия),
//   2–5 or not yet given;
// - the demo exam's cut-offs join the college settings registry: the triple stored as
//   `giaCutoffs: [3, 4, 5]` becomes `giaCutoffs: { three, four, five }`, the shape the registry reads.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('gia_theses').addColumn('supervisor_grade', 'text').execute();
  await db.schema.alterTable('gia_theses').addColumn('reviewer_grade', 'text').execute();
  await cutoffsIntoRegistry(db);
}

/** Each college's stored cut-offs in the registry's shape (the rest of its settings as they were). */
export async function cutoffsIntoRegistry(db: MigrationDb): Promise<void> {
  const orgs = (await db.selectFrom('organizations').select(['id', 'settings']).execute()) as { id: number; settings: string }[];
  for (const o of orgs) {
    let stored: Record<string, unknown>;
    try {
      stored = JSON.parse(o.settings) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!stored || typeof stored !== 'object' || !Array.isArray(stored.giaCutoffs)) continue;
    const [three, four, five] = stored.giaCutoffs as unknown[];
    const next = { ...stored, giaCutoffs: { three, four, five } };
    await db
      .updateTable('organizations')
      .set({ settings: JSON.stringify(next) })
      .where('id', '=', o.id)
      .execute();
  }
}
