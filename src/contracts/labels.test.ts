import { describe, expect, it } from 'vitest';
import { StaffRolesBody } from './people.js';
import { fieldMessage } from './labels.js';

describe('fieldMessage', () => {
  it('joins the label and the message, the message from a small letter and with a full stop', () => {
    expect(fieldMessage('Дата начала', 'Укажите дату, например 28.11.2026')).toBe('Дата начала: укажите дату, например 28.11.2026.');
    expect(fieldMessage('Причина', 'Заполните поле.')).toBe('Причина: заполните поле.');
  });
  it('keeps an abbreviation that opens the message as it is written', () => {
    expect(fieldMessage('ИНН', 'ИНН организации — 10 цифр (12 — у индивидуального предпринимателя).')).toBe(
      'ИНН: ИНН организации — 10 цифр (12 — у индивидуального предпринимателя).',
    );
    expect(fieldMessage('Дисциплина', 'КТП уже утверждён')).toBe('Дисциплина: КТП уже утверждён.');
  });
});

describe('whatToDo', () => {
  it('asks for an object where a list holds objects, not for text', () => {
    const r = StaffRolesBody.safeParse({ roles: ['teacher'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Передайте объект JSON с полями.');
  });
});
