import { z } from 'zod';
import { ENROLLMENT_KINDS, SEXES, STUDENT_STATUSES } from '../domain/people.js';
import { notInFuture } from '../domain/dates.js';
import { STAFF_ROLES } from '../domain/roles.js';
import { IsoDate, PageQuery, paged, patchBody } from './common.js';
import { base64File, UPLOAD_LIMITS } from './limits.js';

const opt = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));

export const StudentStatus = z.enum(STUDENT_STATUSES);
export const EnrollmentKind = z.enum(ENROLLMENT_KINDS);

/** Whether a person has a login and when they last used it (п. 3.7). */
export const Access = z.object({ login: z.string().nullable(), lastLoginAt: z.string().nullable(), mustChangePassword: z.boolean() });
export type Access = z.infer<typeof Access>;

export const StudentsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  groupId: z.coerce.number().int().positive().optional(),
  course: z.coerce.number().int().min(1).max(6).optional(),
  programId: z.coerce.number().int().positive().optional(),
  status: z.enum([...STUDENT_STATUSES, 'all']).default('active'),
  sort: z.enum(['name', '-name', 'group', '-group', 'birthDate', '-birthDate']).default('name'),
});
export const StudentItem = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  status: StudentStatus,
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
  course: z.number().nullable(),
  phone: z.string().nullable(),
  recordBookNo: z.string().nullable(),
});
export type StudentItem = z.infer<typeof StudentItem>;
export const StudentList = paged(StudentItem);

export const PersonFields = z.object({
  lastName: z.string().trim().min(1, 'Укажите фамилию').max(100),
  firstName: z.string().trim().min(1, 'Укажите имя').max(100),
  middleName: opt(100),
  /** Declension of the name follows it; inferred from the patronymic when not given. */
  gender: z.enum(SEXES).nullable().default(null),
  birthDate: IsoDate.refine(notInFuture, 'Дата рождения не может быть позже сегодняшнего дня.').nullable().default(null),
  snils: opt(20),
  phone: opt(40),
  email: opt(200),
});
export type PersonFields = z.infer<typeof PersonFields>;
export const Person = z.object({
  id: z.number(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  gender: z.enum(SEXES).nullable(),
  birthDate: z.string().nullable(),
  snils: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const GuardianOfStudent = Person.extend({ linkId: z.number(), relation: z.string(), access: Access });
export const EnrollmentEvent = z.object({
  id: z.number(),
  kind: EnrollmentKind,
  title: z.string(),
  effectiveDate: z.string(),
  fromGroup: z.string().nullable(),
  toGroup: z.string().nullable(),
  toSubgroup: z.string().nullable(),
  orderNo: z.string().nullable(),
  reason: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export type EnrollmentEvent = z.infer<typeof EnrollmentEvent>;
export const MembershipSpan = z.object({ groupId: z.number(), groupName: z.string(), from: z.string(), to: z.string().nullable() });
export const StudentCard = z.object({
  id: z.number(),
  person: Person,
  status: StudentStatus,
  recordBookNo: z.string().nullable(),
  group: z.object({ id: z.number(), name: z.string(), course: z.number(), curatorName: z.string().nullable() }).nullable(),
  subgroups: z.array(z.object({ id: z.number(), name: z.string() })),
  memberships: z.array(MembershipSpan),
  guardians: z.array(GuardianOfStudent),
  events: z.array(EnrollmentEvent),
  access: Access,
  can: z.object({
    editPerson: z.boolean(),
    editContacts: z.boolean(),
    contactsNeedApproval: z.boolean(),
    move: z.boolean(),
    credentials: z.boolean(),
  }),
});
export type StudentCard = z.infer<typeof StudentCard>;

export const StudentCreate = PersonFields.extend({
  groupId: z.number().int().positive(),
  subgroupId: z.number().int().positive().nullable().default(null),
  enrolDate: IsoDate,
  orderNo: z.string().trim().min(1, 'Укажите номер приказа').max(60),
  recordBookNo: opt(40),
});
// No default here: an absent field is left as it is, null or '' clears it.
const optPatch = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null))
    .optional();
export const ContactsPatch = patchBody({ phone: optPatch(40), email: optPatch(200) }, 'Укажите телефон или эл. почту');
export const ContactsResult = z.object({ status: z.enum(['applied', 'pending', 'unchanged']), message: z.string() });
export type ContactsResult = z.infer<typeof ContactsResult>;

export const MovementBody = z.object({
  kind: z.enum(['transfer', 'leave', 'return', 'expel', 'reinstate', 'graduate']),
  date: IsoDate,
  toGroupId: z.number().int().positive().nullable().default(null),
  toSubgroupId: z.number().int().positive().nullable().default(null),
  orderNo: z.string().trim().min(1, 'Укажите номер приказа').max(60),
  reason: z.string().trim().min(1, 'Укажите основание').max(500),
});
export type MovementBody = z.infer<typeof MovementBody>;
export const AssignBody = z.object({
  studentIds: z.array(z.number().int().positive()).min(1, 'Выберите обучающихся').max(2000),
  date: IsoDate,
  orderNo: z.string().trim().min(1, 'Укажите номер приказа').max(60),
});
export const SubgroupMembersBody = z.object({ studentIds: z.array(z.number().int().positive()).max(200), date: IsoDate });

export const GuardianLinkBody = PersonFields.extend({
  relation: z.enum(['mother', 'father', 'guardian', 'parent', 'other']).default('parent'),
  guardianPersonId: z.number().int().positive().nullable().default(null),
});
export const GuardiansQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  groupId: z.coerce.number().int().positive().optional(),
});
export const GuardianItem = z.object({
  personId: z.number(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  children: z.array(z.object({ studentId: z.number(), fullName: z.string(), groupName: z.string().nullable(), relation: z.string() })),
  access: Access,
});
export type GuardianItem = z.infer<typeof GuardianItem>;
export const GuardianList = paged(GuardianItem);
export const GuardianCard = z.object({
  person: Person,
  children: GuardianItem.shape.children,
  access: Access,
  can: z.object({ editPerson: z.boolean(), editContacts: z.boolean(), credentials: z.boolean() }),
});
export type GuardianCard = z.infer<typeof GuardianCard>;

/** The curator's group page: the group, its students with guardians and access. */
export const GroupStudent = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  subgroup: z.string().nullable(),
  access: Access,
  /** Whether the caller may change this person's credentials and contacts (decision 013). */
  canManage: z.boolean(),
  guardians: z.array(
    z.object({
      personId: z.number(),
      fullName: z.string(),
      relation: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      access: Access,
      canManage: z.boolean(),
    }),
  ),
});
export type GroupStudent = z.infer<typeof GroupStudent>;
export const GroupPage = z.object({
  group: z.object({
    id: z.number(),
    name: z.string(),
    course: z.number(),
    intakeYear: z.number(),
    status: z.string(),
    programCode: z.string(),
    programName: z.string(),
    curatorPersonId: z.number().nullable(),
    curatorName: z.string().nullable(),
  }),
  date: z.string(),
  subgroups: z.array(z.object({ id: z.number(), name: z.string(), studentIds: z.array(z.number()) })),
  students: z.array(GroupStudent),
  /** Students who were in the group earlier this year and left (transfers, leave, expulsion). */
  left: z.array(z.object({ id: z.number(), fullName: z.string(), from: z.string(), to: z.string() })),
  can: z.object({
    contacts: z.boolean(),
    contactsNeedApproval: z.boolean(),
    credentials: z.boolean(),
    movement: z.boolean(),
    editGroup: z.boolean(),
  }),
});
export type GroupPage = z.infer<typeof GroupPage>;
export const GroupPageQuery = z.object({ date: IsoDate.optional() });

export const StaffQuery = PageQuery.extend({ q: z.string().trim().max(100).optional(), role: z.enum(STAFF_ROLES).optional() });
export const StaffItem = z.object({
  personId: z.number(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(STAFF_ROLES), title: z.string().nullable(), commissionName: z.string().nullable() })),
  curatorOf: z.array(z.string()),
  access: Access,
});
export type StaffItem = z.infer<typeof StaffItem>;
export const StaffList = paged(StaffItem);
export const StaffRoleInput = z.object({
  role: z.enum(STAFF_ROLES),
  title: opt(200),
  commissionId: z.number().int().positive().nullable().default(null),
});
export const StaffCreate = PersonFields.extend({ roles: z.array(StaffRoleInput).min(1, 'Назначьте хотя бы одну роль') });
export const StaffRolesBody = z.object({ roles: z.array(StaffRoleInput) });

/** A specialist's direction of work (п. 2.6): the groups and the single students they follow. */
const Ids = (max: number, what: string) => z.array(z.number().int().positive()).max(max, `Не больше ${max} ${what}.`);
export const DirectionBody = z.object({ groupIds: Ids(300, 'групп'), studentIds: Ids(3000, 'обучающихся') });
export const Direction = z.object({
  personId: z.number(),
  fullName: z.string(),
  isSpecialist: z.boolean(),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
  students: z.array(z.object({ id: z.number(), fullName: z.string(), groupName: z.string().nullable() })),
});
export type Direction = z.infer<typeof Direction>;

export const PersonPatch = PersonFields;

/** Credentials (п. 3.1): shown once, with the slips to print. */
export const CredentialsBody = z.object({
  personIds: z.array(z.number().int().positive()).min(1, 'Выберите людей').max(500),
  reset: z.boolean().default(false),
  groupId: z.number().int().positive().nullable().default(null),
});
export const CredentialsResult = z.object({
  issued: z.array(
    z.object({ personId: z.number(), fullName: z.string(), role: z.string(), login: z.string(), password: z.string(), reset: z.boolean() }),
  ),
  skipped: z.array(z.object({ personId: z.number(), fullName: z.string(), reason: z.string() })),
  slipsPdfBase64: z.string().nullable(),
  slipsFileName: z.string(),
});
export type CredentialsResult = z.infer<typeof CredentialsResult>;

export const UsageRow = z.object({
  kind: z.enum(['student', 'guardian']),
  personId: z.number(),
  fullName: z.string(),
  studentName: z.string().nullable(),
  access: Access,
});
export const GroupUsage = z.object({
  groupId: z.number(),
  groupName: z.string(),
  rows: z.array(UsageRow),
  summary: z.object({
    students: z.number(),
    studentsLoggedIn: z.number(),
    guardians: z.number(),
    guardiansLoggedIn: z.number(),
    noLogin: z.number(),
  }),
});
export type GroupUsage = z.infer<typeof GroupUsage>;
export const UsageSummary = z.array(GroupUsage.shape.summary.extend({ groupId: z.number(), groupName: z.string(), course: z.number() }));

export const ContactChange = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  studentId: z.number().nullable(),
  groupName: z.string().nullable(),
  before: z.record(z.string(), z.string().nullable()),
  after: z.record(z.string(), z.string().nullable()),
  status: z.enum(['applied', 'pending', 'approved', 'rejected']),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const ContactChangesQuery = PageQuery.extend({
  status: z.enum(['pending', 'applied', 'approved', 'rejected', 'all']).default('pending'),
  personId: z.coerce.number().int().positive().optional(),
});
export const ContactChangeList = paged(ContactChange);
export const DecisionBody = z.object({ approve: z.boolean(), note: opt(500) });

export const PeopleSettings = z.object({ contactChangesNeedApproval: z.boolean() });

export const ViewLogQuery = PageQuery.extend({
  personId: z.coerce.number().int().positive().optional(),
  viewerUserId: z.coerce.number().int().positive().optional(),
});
/** One screen or export that showed others' personal data, with every person it showed. */
export const ViewLogList = paged(
  z.object({
    id: z.number(),
    at: z.string(),
    viewer: z.string(),
    viewerLogin: z.string(),
    screen: z.string(),
    what: z.string(),
    detail: z.string().nullable(),
    personCount: z.number(),
    persons: z.array(z.object({ id: z.number(), fullName: z.string() })),
  }),
);
export type ViewLogEntry = z.infer<typeof ViewLogList>['items'][number];

/** Import (п. 3.2): a file as base64, checked first (dry run), then applied whole or not at all. */
export const ImportBody = z.object({
  kind: z.enum(['students', 'staff']),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: base64File(UPLOAD_LIMITS.people),
  dryRun: z.boolean().default(true),
});
export const ImportProblem = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const ImportReport = z.object({
  kind: z.enum(['students', 'staff']),
  rows: z.number(),
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  guardiansCreated: z.number(),
  errors: z.array(ImportProblem),
  warnings: z.array(ImportProblem),
  /** Optional columns the file does not have: their data is left as it is. */
  missingColumns: z.array(z.string()),
  applied: z.boolean(),
  ms: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;
export const TemplateQuery = z.object({ kind: z.enum(['students', 'staff']), format: z.enum(['xlsx', 'csv']).default('xlsx') });
