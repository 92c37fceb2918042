import { todayIn } from '../../domain/dates.js';
import { ROLE_TITLES, type Role } from '../../domain/roles.js';
import { compareRu, fullName, searchKey, shortName } from '../../domain/text.js';
import type { Contact } from '../../contracts/messages.js';
import { scopesOf, type Principal } from '../platform/access.js';
import type { Db, Tx } from '../platform/db.js';
import {
  CONTACTS_LIMIT,
  currentGroupsOf,
  curatorsOf,
  groupsTaughtNow,
  guardiansOf,
  staffPersons,
  studentsOf,
  teachersOf,
  type ContactFilter,
} from './queries/contacts.js';

// Whom a person may write to (п. 2.11, decision 033), from the scopes of `message:write` and the
// person's facts *today*: staff write to staff; the administration to every guardian; a curator to
// the students of their groups and their guardians; a teacher to those of the groups they teach
// this academic year; a student to their teachers and curator; a guardian to their children's
// teachers and curators and the administration. The same function lists the recipient picker and
// decides whether one person is within reach, so nothing outside it can be named or guessed.

const ADMINISTRATION: readonly string[] = ['admin', 'director', 'deputy', 'methodist'];
const STAFF: readonly Role[] = ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'teacher', 'curator'];

export const isStaff = (p: Principal) => p.roles.some((r) => STAFF.includes(r));

type Name = { last_name: string; first_name: string; middle_name: string | null };

/** The persons within reach (each once, with what relates them to the caller), sorted by name. */
export async function contactsOf(db: Db | Tx, p: Principal, f: ContactFilter): Promise<Contact[]> {
  const orgId = p.organizationId;
  const scopes = scopesOf(p, 'message:write');
  const today = todayIn(p.timeZone);
  const out = new Map<number, { name: Name; notes: string[] }>();
  const add = (row: Name & { person_id: number }, note: string) => {
    if (row.person_id === p.personId) return;
    const c = out.get(row.person_id) ?? { name: row, notes: [] };
    if (!c.notes.includes(note)) c.notes.push(note);
    out.set(row.person_id, c);
  };
  const childName = (g: { child_last: string; child_first: string; child_middle: string | null }) =>
    shortName({ last_name: g.child_last, first_name: g.child_first, middle_name: g.child_middle });

  if (isStaff(p) || scopes.includes('linked')) {
    for (const s of await staffPersons(db, orgId, f)) {
      const admin = ADMINISTRATION.includes(s.role);
      if (!isStaff(p) && !admin) continue; // a guardian reaches the administration of the staff
      add(s, s.role === 'curator' ? `Куратор ${s.group_name}` : ROLE_TITLES[s.role as Role]);
    }
  }
  if (scopes.includes('org'))
    for (const g of await guardiansOf(db, orgId, null, today, f)) add(g, `Родитель: ${childName(g)}, ${g.group_name}`);
  const familyGroups = new Set<number>(scopes.includes('group') ? p.curatorGroupIds : []);
  if (scopes.includes('assignment')) for (const g of await groupsTaughtNow(db, orgId, p.personId, today)) familyGroups.add(g);
  if (familyGroups.size) {
    const groups = [...familyGroups];
    for (const s of await studentsOf(db, orgId, groups, today, f)) add(s, `Обучающийся, ${s.group_name}`);
    for (const g of await guardiansOf(db, orgId, groups, today, f)) add(g, `Родитель: ${childName(g)}, ${g.group_name}`);
  }
  const own = [...(scopes.includes('self') && p.studentId ? [p.studentId] : []), ...(scopes.includes('linked') ? p.linkedStudentIds : [])];
  if (own.length) {
    const groups = [...new Set((await currentGroupsOf(db, orgId, own, today)).map((g) => g.group_id))];
    for (const t of await teachersOf(db, orgId, groups, today, f)) add(t, `Преподаватель: ${t.code} ${t.name}, ${t.group_name}`);
    for (const c of await curatorsOf(db, orgId, groups, f)) add(c, `Куратор ${c.group_name}`);
  }
  return [...out.entries()]
    .map(([personId, c]) => ({ personId, name: fullName(c.name), note: c.notes.join('; ') }))
    .sort((a, b) => compareRu(a.name, b.name))
    .slice(0, f.only ? 1 : CONTACTS_LIMIT);
}

/** The one person, if within reach now. */
export const contactInReach = async (db: Db | Tx, p: Principal, personId: number): Promise<Contact | null> =>
  (await contactsOf(db, p, { only: personId }))[0] ?? null;

/** What a search box means for LIKE: the search key, without LIKE's own wildcards. */
export const contactKey = (q: string | undefined) => (q ? searchKey(q.replace(/[%_\\]/g, ' ')) || undefined : undefined);
