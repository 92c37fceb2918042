import { describe, expect, it } from 'vitest';
import { attachmentType } from './attachments.js';

describe('attachmentType', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7 …');
  it('takes a document whose first bytes match its extension', () => {
    expect(attachmentType('Справка.PDF', pdf)).toEqual({ type: 'application/pdf' });
    expect(attachmentType('фото.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ type: 'image/jpeg' });
    expect(attachmentType('заявление.txt', new TextEncoder().encode('Прошу освободить'))).toEqual({ type: 'text/plain' });
  });
  it('refuses other kinds and renamed files, naming the file', () => {
    expect(attachmentType('setup.exe', new Uint8Array([0x4d, 0x5a]))).toMatchObject({ error: expect.stringContaining('«setup.exe»') });
    expect(attachmentType('договор.pdf', new Uint8Array([0x4d, 0x5a, 0, 0]))).toMatchObject({
      error: expect.stringContaining('не похож на PDF'),
    });
    expect(attachmentType('без расширения', pdf)).toHaveProperty('error');
    expect(attachmentType('a.txt', new Uint8Array([0x4d, 0, 0x5a]))).toHaveProperty('error');
  });
});
