import { z } from 'zod';
import { PERMISSIONS } from '../domain/permissions.js';
import { IsoDate } from './common.js';

// Service accounts with API tokens (issue 15 item 11, decision 039).

export const ServiceAccountInput = z.object({
  name: z.string().trim().min(3, 'Назовите учётную запись, например «Портал региона».').max(100).meta({ title: 'Название' }),
  scope: z.enum(['college', 'region']).default('college').meta({ title: 'Действует' }),
  /** The college of a college's account created by the regional administrator; a college's administrator's own college otherwise. */
  collegeId: z.number().int().positive().nullable().default(null).meta({ title: 'Колледж' }),
  permissions: z.array(z.enum(PERMISSIONS)).min(1, 'Выберите хотя бы одно право.').meta({ title: 'Права' }),
  readOnly: z.boolean().default(true).meta({ title: 'Только чтение' }),
  expiryDate: IsoDate.nullable().default(null).meta({ title: 'Действует по' }),
});
export type ServiceAccountInput = z.input<typeof ServiceAccountInput>;

export const ServiceAccount = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.enum(['college', 'region']),
  college: z.object({ id: z.number(), name: z.string() }),
  permissions: z.array(z.string()),
  readOnly: z.boolean(),
  tokenHint: z.string(),
  state: z.enum(['active', 'revoked', 'expired']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiryDate: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  uses: z.number(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** A permission that may be given, with the routes it opens (their Russian summaries). */
const Grantable = z.object({
  permission: z.enum(PERMISSIONS),
  routes: z.array(z.object({ key: z.string(), summary: z.string() })),
});

export const ServiceAccounts = z.object({
  accounts: z.array(ServiceAccount),
  grantable: z.object({ college: z.array(Grantable), region: z.array(Grantable) }),
  /** The colleges the caller may make accounts for (one for a college's administrator). */
  colleges: z.array(z.object({ id: z.number(), name: z.string() })),
  /** How many days each use of a token is kept (SERVICE_ACCOUNT_USES_KEEP_DAYS); older ones are deleted every night. */
  usesKeptDays: z.number(),
});
export type ServiceAccounts = z.infer<typeof ServiceAccounts>;

/** The token, shown once: only its hash is kept. */
export const IssuedToken = z.object({ account: ServiceAccount, token: z.string() });

export const TokenUses = z.object({
  uses: z.array(z.object({ at: z.string(), method: z.string(), route: z.string(), status: z.number(), ip: z.string().nullable() })),
  total: z.number(),
});
