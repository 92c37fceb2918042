// Russian names by grammatical case and sex: «вместо Новиковой М. И.», «Ведёт Григорьев К. В.».
// Declension follows the person's stored sex (persons.gender); when it is unknown, the sex is
// inferred from the patronymic, then the first name, then the surname.
import { getFirstnameGender, getLastnameGender, getMiddlenameGender, inclineFirstname, inclineLastname, inclineMiddlename } from 'lvovich';
import type { Sex } from './people.js';
import { shortName, type PersonName } from './text.js';

export type { Sex } from './people.js';

export type NameCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';

export interface SexedName extends PersonName {
  gender?: string | null;
}

const toSex = (g: string | null | undefined): Sex | null => (g === 'male' ? 'm' : g === 'female' ? 'f' : null);

/** The sex a name points to: the patronymic decides, then the first name, then the surname; null if they do not tell. */
export function inferSex(p: PersonName): Sex | null {
  const middle = p.middle_name?.trim();
  if (middle) {
    // «-оглы» / «-кызы» patronymics name the sex by their last word.
    if (/(^|\s)оглы$/i.test(middle)) return 'm';
    if (/(^|\s)кызы$/i.test(middle)) return 'f';
    const s = toSex(getMiddlenameGender(middle));
    if (s) return s;
  }
  return toSex(getFirstnameGender(p.first_name.trim())) ?? toSex(getLastnameGender(p.last_name.trim()));
}

/** The stored sex, or the inferred one. */
export const sexOf = (p: SexedName): Sex | null => (p.gender === 'm' || p.gender === 'f' ? p.gender : inferSex(p));

function inflect(p: SexedName, c: NameCase): PersonName {
  if (c === 'nominative') return p;
  const sex = sexOf(p);
  const g = sex === 'm' ? 'male' : sex === 'f' ? 'female' : 'androgynous';
  return {
    last_name: inclineLastname(p.last_name.trim(), c, g),
    first_name: inclineFirstname(p.first_name.trim(), c, g),
    middle_name: p.middle_name ? inclineMiddlename(p.middle_name.trim(), c, g) : null,
  };
}

/** «Новиковой Марии Ивановны» */
export function fullNameIn(p: SexedName, c: NameCase): string {
  const n = inflect(p, c);
  return [n.last_name, n.first_name, n.middle_name].filter(Boolean).join(' ');
}

/** «Новиковой М. И.»: only the surname changes; the initials are those of the nominative. */
export function shortNameIn(p: SexedName, c: NameCase): string {
  const n = inflect(p, c);
  return shortName({ ...p, last_name: n.last_name });
}

/** The word that agrees with the person's sex: bySex(p, 'его', 'её'), bySex(p, 'записал', 'записала'). */
export function bySex(p: SexedName, male: string, female: string, unknown = male): string {
  const s = sexOf(p);
  return s === 'f' ? female : s === 'm' ? male : unknown;
}
