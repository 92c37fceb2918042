import { searchKey } from '../../domain/text.js';
import type { Tx } from '../platform/db.js';
import { insertOffice, insertStaffUser, officeOfRegion } from './queries.js';

// The demo region's office with one regional administrator (login `region`, the demo password),
// so the «Колледжи» page can be tried on a demo installation (decision 038).
export async function seedRegionOffice(tx: Tx, o: { region: string; timeZone: string; passwordHash: string; now: string }) {
  if (await officeOfRegion(tx, o.region)) return;
  const officeId = await insertOffice(tx, {
    name: `Министерство образования (${o.region})`,
    region: o.region,
    timeZone: o.timeZone,
    at: o.now,
  });
  // The demo's passwords are known: no change is forced at the first login, as for the college's logins.
  await insertStaffUser(tx, officeId, {
    lastName: 'Беринг',
    firstName: 'Витус',
    middleName: 'Ионассен',
    email: null,
    sortKey: searchKey('Беринг', 'Витус', 'Ионассен'),
    login: 'region',
    passwordHash: o.passwordHash,
    role: 'regional_admin',
    title: 'Региональный администратор',
    at: o.now,
    mustChangePassword: false,
  });
}
