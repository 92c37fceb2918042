// Russian text rules that neither engine gets right by itself: SQLite folds case only for
// Latin letters, and Ё sorts after Я under the C collation. We store a normalized key instead.

/** Lower case, ё → е, collapsed spaces: the key names are sorted and searched by. */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PersonName {
  last_name: string;
  first_name: string;
  middle_name?: string | null;
}

/** «Фамилия Имя Отчество» for lists. */
export function fullName(p: PersonName): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

/** «Фамилия И. О.» for dense grids. */
export function shortName(p: PersonName): string {
  const initials = [p.first_name, p.middle_name]
    .filter((x): x is string => !!x)
    .map((x) => `${x[0]}.`)
    .join(' ');
  return initials ? `${p.last_name} ${initials}` : p.last_name;
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });
/** Compares Russian strings as a dictionary does (Ё with Е). */
export const compareRu = (a: string, b: string) =>
  collator.compare(a.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), b.replace(/ё/g, 'е').replace(/Ё/g, 'Е'));
