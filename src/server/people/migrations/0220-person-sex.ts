import { inferSex } from '../../../domain/name-cases.js';
import type { MigrationDb } from '../../platform/migrations/helpers.js';

// persons.gender ('m' | 'f') decides how a name is declined («вместо Новиковой М. И.»). Forms and
// imports now fill it; rows stored before are filled here from the patronymic, the first name or
// the surname. Names that do not tell stay null and are inferred again when shown.
export async function up(db: MigrationDb): Promise<void> {
  const rows = (await db
    .selectFrom('persons')
    .select(['id', 'last_name', 'first_name', 'middle_name'])
    .where('gender', 'is', null)
    .execute()) as {
    id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
  }[];
  const ids: Record<'m' | 'f', number[]> = { m: [], f: [] };
  for (const p of rows) {
    const s = inferSex(p);
    if (s) ids[s].push(p.id);
  }
  for (const sex of ['m', 'f'] as const) {
    for (let i = 0; i < ids[sex].length; i += 500) {
      await db
        .updateTable('persons')
        .set({ gender: sex })
        .where('id', 'in', ids[sex].slice(i, i + 500))
        .execute();
    }
  }
}
