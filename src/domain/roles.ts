// The roles of the regulation (п. 1.7, 3.1–3.13, 2.6), a regional observer and the regional
// administrator who keeps the region's colleges (п. 1.4–1.5, issue 15).
export const ROLES = [
  'admin',
  'director',
  'deputy',
  'methodist',
  'chair',
  'specialist',
  'curator',
  'teacher',
  'student',
  'guardian',
  'observer',
  'regional_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held through staff_roles; the rest follow from groups, students and guardian links. */
export const STAFF_ROLES = ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'teacher', 'observer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/**
 * The regional observer reads every college of the region (decision 041), so a college's administrator
 * does not grant the role: an account that holds it keeps it, and the regional administrator appoints new
 * observers (POST /region/colleges/:id/admins with role observer).
 */
export const NOT_GRANTED_BY_COLLEGE: readonly StaffRole[] = ['observer'];
export const NOT_GRANTED_MESSAGE =
  'Роль «Региональный наблюдатель» открывает показатели всех колледжей региона, поэтому её назначает региональный администратор, а не администратор колледжа.';

export const ROLE_TITLES: Record<Role, string> = {
  admin: 'Администратор журнала',
  director: 'Директор',
  deputy: 'Заместитель директора по УПР',
  methodist: 'Заведующий учебно-методической службой',
  chair: 'Председатель ПЦК',
  specialist: 'Специалист (социальный педагог, психолог)',
  curator: 'Куратор группы',
  teacher: 'Преподаватель',
  student: 'Обучающийся',
  guardian: 'Родитель (законный представитель)',
  observer: 'Региональный наблюдатель',
  regional_admin: 'Региональный администратор',
};

/**
 * Held through staff_roles of a regional office (an organization of kind `region`, not a college):
 * a college's administrator cannot grant it, and a row of it in a college counts for nothing.
 */
export const REGIONAL_ROLE = 'regional_admin' as const;
