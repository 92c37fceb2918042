import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

// The monthly activity report (п. 6.1, 3.7).

export const ActivityQuery = z.object({
  month: z
    .string()
    .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'Месяц в формате ГГГГ-ММ')
    .optional(),
});

const Counts = z.object({ lessons: z.number(), onTime: z.number(), late: z.number(), missing: z.number() });

export const ActivityReport = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  /** The last day whose lessons count: the month's end, or today within the current month. */
  through: z.string(),
  summary: z.object({
    logins: z.number(),
    activeUsers: z.number(),
    actions: z.number(),
    lessons: Counts,
  }),
  /** One line per role; a person with several roles counts under each. */
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      title: z.string(),
      users: z.number(),
      activeUsers: z.number(),
      logins: z.number(),
      actions: z.number(),
    }),
  ),
  teachers: z.array(Counts.extend({ personId: z.number(), fullName: z.string() })),
  groups: z.array(
    z.object({
      groupId: z.number(),
      groupName: z.string(),
      course: z.number(),
      students: z.number(),
      studentsLoggedIn: z.number(),
      studentsNever: z.number(),
      guardians: z.number(),
      guardiansLoggedIn: z.number(),
      guardiansNever: z.number(),
      never: z.array(
        z.object({
          personId: z.number(),
          kind: z.enum(['student', 'guardian']),
          fullName: z.string(),
          studentName: z.string().nullable(),
          hasLogin: z.boolean(),
        }),
      ),
    }),
  ),
});
export type ActivityReport = z.infer<typeof ActivityReport>;
