import { z } from 'zod';
import { issuerProblem } from '../domain/sso.js';
import { patchBody } from './common.js';

// Single sign-on through OpenID Connect (issue 15 item 12, decision 040). A provider's client secret
// is written, never read back: the answers say only that it is set.

const issuer = z
  .string()
  .trim()
  .min(1, 'Укажите адрес провайдера.')
  .max(500)
  .superRefine((v, c) => {
    const p = issuerProblem(v);
    if (p) c.addIssue({ code: 'custom', message: p });
  })
  .transform((v) => v.replace(/\/+$/, ''))
  .meta({ title: 'Адрес провайдера (issuer)' });
const label = z.string().trim().min(2, 'Укажите название провайдера для кнопки.').max(60).meta({ title: 'Название на кнопке' });
const clientId = z.string().trim().min(1, 'Укажите идентификатор клиента.').max(200).meta({ title: 'Идентификатор клиента (client_id)' });
const clientSecret = z.string().trim().min(1, 'Укажите секрет клиента.').max(500).meta({ title: 'Секрет клиента (client_secret)' });
const linkByEmail = z.boolean().meta({ title: 'Связывать при первом входе по подтверждённой почте' });

export const SsoProviderInput = z.object({ label, issuer, clientId, clientSecret, linkByEmail: linkByEmail.default(false) });
export type SsoProviderInput = z.input<typeof SsoProviderInput>;
export const SsoProviderPatch = patchBody({
  label: label.optional(),
  issuer: issuer.optional(),
  clientId: clientId.optional(),
  clientSecret: clientSecret.optional(),
  linkByEmail: linkByEmail.optional(),
});

/** A provider as its keeper sees it: everything but the secret. */
export const SsoProvider = z.object({
  id: z.number(),
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  secretSet: z.boolean(),
  linkByEmail: z.boolean(),
  /** The region's provider (every college of the region may use it). */
  forRegion: z.boolean(),
  /** The caller keeps it (a college's administrator does not edit the region's). */
  editable: z.boolean(),
  /** The address to register at the provider as the redirect URI. */
  callbackUrl: z.string(),
  links: z.number(),
});
export type SsoProvider = z.infer<typeof SsoProvider>;

export const SsoLink = z.object({
  id: z.number(),
  providerId: z.number(),
  providerLabel: z.string(),
  subject: z.string(),
  personId: z.number(),
  fullName: z.string(),
  login: z.string().nullable(),
  linkedBy: z.enum(['admin', 'email']),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type SsoLink = z.infer<typeof SsoLink>;

export const SsoSettings = z.object({
  providers: z.array(SsoProvider),
  /** The college's people linked to subjects (absent for the regional administrator, who reaches no college's people). */
  links: z.array(SsoLink).nullable(),
});
export type SsoSettings = z.infer<typeof SsoSettings>;

export const SsoLinkInput = z.object({
  providerId: z.number().int().positive().meta({ title: 'Провайдер' }),
  subject: z.string().trim().min(1, 'Укажите идентификатор у провайдера.').max(255).meta({ title: 'Идентификатор у провайдера (sub)' }),
  login: z.string().trim().min(1, 'Укажите логин в журнале.').max(100).meta({ title: 'Логин в журнале' }),
});
export type SsoLinkInput = z.input<typeof SsoLinkInput>;

/** A person's card: the providers they may be linked to, their links, and whether they have a login to sign in. */
export const PersonSso = z.object({
  providers: z.array(z.object({ id: z.number(), label: z.string() })),
  links: z.array(SsoLink),
  login: z.string().nullable(),
});
export type PersonSso = z.infer<typeof PersonSso>;

/** Linking from a person's card: the person is the card's, so only the provider and the subject. */
export const PersonSsoLinkInput = SsoLinkInput.omit({ login: true });
export type PersonSsoLinkInput = z.input<typeof PersonSsoLinkInput>;

/** What the login page shows without a session: a button per provider. */
export const SsoButtons = z.array(z.object({ id: z.number(), label: z.string(), startUrl: z.string() }));
export type SsoButtons = z.infer<typeof SsoButtons>;

export const SsoProviderParam = z.object({ providerId: z.coerce.number().int().positive().meta({ title: 'Провайдер' }) });
/** What the provider adds to the callback address (its other parameters, such as `iss`, are passed on to the checks). */
export const SsoCallbackQuery = z.looseObject({
  code: z.string().max(4000).optional().meta({ title: 'Код авторизации' }),
  state: z.string().max(200).optional().meta({ title: 'Состояние входа (state)' }),
  error: z.string().max(200).optional().meta({ title: 'Ошибка провайдера' }),
});
