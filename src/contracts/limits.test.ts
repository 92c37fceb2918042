import { describe, expect, it } from 'vitest';
import { base64File, limitText, plural, tooManyRowsMessage, UPLOAD_LIMITS } from './limits.js';

describe('upload limits', () => {
  it('says the limit in correct Russian', () => {
    expect(plural(1, ['строка', 'строки', 'строк'])).toBe('1 строка');
    expect(plural(22, ['строка', 'строки', 'строк'])).toBe('22 строки');
    expect(plural(800, ['занятие', 'занятия', 'занятий'])).toBe('800 занятий');
    expect(limitText(UPLOAD_LIMITS.lessonPlan)).toBe('до 6 МБ, не больше 800 занятий');
    expect(limitText(UPLOAD_LIMITS.lessonFile)).toBe('до 5 МБ');
    expect(tooManyRowsMessage(UPLOAD_LIMITS.lessonPlan, 801)).toBe(
      'В файле 801 занятие, а для файла КТП предел — 800 занятий. Разделите файл на части.',
    );
  });

  it('the base64 field holds exactly a file of the limit', () => {
    const schema = base64File({ of: 'файла', bytes: 3000 });
    expect(schema.safeParse(Buffer.alloc(3000).toString('base64')).success).toBe(true);
    const over = schema.safeParse(Buffer.alloc(3001).toString('base64'));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0].message).toContain('Файл больше');
  });
});
