import { z } from 'zod';
import { innProblem, isTimeZone, ogrnProblem } from '../domain/org-ids.js';

// The colleges of a region, kept by its regional administrator (issue 15 item 1, decision 038).

const optionalDigits = (title: string, problem: (s: string) => string | null) =>
  z
    .string()
    .trim()
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null))
    .superRefine((v, c) => {
      const p = v === null ? null : problem(v);
      if (p) c.addIssue({ code: 'custom', message: p });
    })
    .meta({ title });

export const CollegeInput = z.object({
  name: z.string().trim().min(3, 'Укажите полное наименование колледжа.').max(300).meta({ title: 'Полное наименование' }),
  shortName: z.string().trim().min(2, 'Укажите краткое наименование.').max(60).meta({ title: 'Краткое наименование' }),
  inn: optionalDigits('ИНН', innProblem),
  ogrn: optionalDigits('ОГРН', ogrnProblem),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, 'Выберите часовой пояс из списка (например, Asia/Vladivostok).')
    .meta({ title: 'Часовой пояс' }),
});
export type CollegeInput = z.input<typeof CollegeInput>;

export const CollegeStatusBody = z.object({
  reason: z.string().trim().min(3, 'Укажите причину.').max(500).meta({ title: 'Причина' }),
});

export const CollegeAdminInput = z.object({
  /** Whom the regional administrator appoints: the college's administrator, or a regional observer the college hosts. */
  role: z.enum(['admin', 'observer']).default('admin'),
  lastName: z.string().trim().min(1, 'Укажите фамилию').max(100),
  firstName: z.string().trim().min(1, 'Укажите имя').max(100),
  middleName: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null)),
  email: z
    .union([z.literal(''), z.email('Проверьте адрес эл. почты.')])
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null)),
});

const CollegeAccount = z.object({ fullName: z.string(), login: z.string().nullable(), lastLoginAt: z.string().nullable() });

export const College = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string(),
  inn: z.string().nullable(),
  ogrn: z.string().nullable(),
  timeZone: z.string(),
  region: z.string(),
  status: z.enum(['active', 'suspended']),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  createdAt: z.string(),
  students: z.number(),
  groups: z.number(),
  admins: z.array(CollegeAccount),
  /** The regional observers whose accounts the college hosts (appointed here, decision 041). */
  observers: z.array(CollegeAccount),
});
export type College = z.infer<typeof College>;

export const CollegeList = z.object({ region: z.string(), colleges: z.array(College) });

/** The first administrator's login and temporary password: shown once, never stored in clear. */
export const IssuedAdmin = z.object({ personId: z.number(), fullName: z.string(), login: z.string(), password: z.string() });
