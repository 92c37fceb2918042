import { useEffect, useState, type ComponentProps } from 'react';
import type { Access } from '../../../../src/contracts/people.js';
import { SEX_TITLES, SEXES, type Sex } from '../../../../src/domain/people.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { SelectField } from '../../ui/index.js';

/** Whether a person can sign in and when they last did (п. 3.7). */
export function AccessBadge({ access }: { access: Access }) {
  const me = useMe();
  if (!access.login) return <span className="badge warn">доступ не выдан</span>;
  if (!access.lastLoginAt)
    return (
      <span className="badge danger" title={`Логин ${access.login}`}>
        ни разу не входил(а)
      </span>
    );
  return (
    <span className="badge ok" title={`Логин ${access.login}`}>
      вход {dateTimeRu(access.lastLoginAt, me.organization.timeZone)}
    </span>
  );
}

/** A value that settles after the user stops typing. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export const STATUS_TITLES: Record<string, string> = {
  active: 'Обучается',
  leave: 'Академ. отпуск',
  expelled: 'Отчислен',
  graduated: 'Выпускник',
};

/** «Пол»: names are declined by it; left empty, it is inferred from the patronymic. */
export function SexField(select: Omit<ComponentProps<typeof SelectField>, 'label' | 'children'>) {
  return (
    <SelectField label="Пол" {...select}>
      <option value="">— по отчеству —</option>
      {SEXES.map((s) => (
        <option key={s} value={s}>
          {SEX_TITLES[s]}
        </option>
      ))}
    </SelectField>
  );
}

interface PersonText {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: string;
  phone: string;
  email: string;
  birthDate?: string;
  snils?: string;
}

/** A person's fields as the forms hold them (text) to the wire: empty is null, birth date and SNILS when the form has them. */
export function personBody(f: PersonText) {
  return {
    lastName: f.lastName,
    firstName: f.firstName,
    middleName: f.middleName || null,
    gender: (f.gender || null) as Sex | null,
    phone: f.phone || null,
    email: f.email || null,
    ...(f.birthDate !== undefined ? { birthDate: f.birthDate || null } : {}),
    ...(f.snils !== undefined ? { snils: f.snils || null } : {}),
  };
}
