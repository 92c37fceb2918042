import { z } from 'zod';
import { PERMISSIONS, SCOPES } from '../domain/permissions.js';
import { ROLES } from '../domain/roles.js';

export const LoginBody = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100),
  password: z.string().min(1, 'Введите пароль').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
  newPassword: z.string().min(1, 'Введите новый пароль').max(200),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Me = z.object({
  user: z.object({ id: z.number(), login: z.string(), mustChangePassword: z.boolean() }),
  person: z.object({
    id: z.number(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    fullName: z.string(),
  }),
  organization: z.object({ id: z.number(), name: z.string(), shortName: z.string(), timeZone: z.string(), region: z.string() }),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      title: z.string(),
      /** What the role is scoped to, e.g. the curator's groups. */
      scope: z.array(z.object({ kind: z.enum(['group', 'commission', 'student']), id: z.number(), name: z.string() })),
    }),
  ),
  abilities: z.partialRecord(z.enum(PERMISSIONS), z.array(z.enum(SCOPES))),
  csrfToken: z.string(),
  session: z.object({ expiresAt: z.string(), idleMinutes: z.number() }),
});
export type Me = z.infer<typeof Me>;
