// How many SMS parts a text takes (3GPP TS 23.038): a text wholly in the GSM 7-bit alphabet fits
// 160 characters in one part and 153 in each part of a longer one (the extension characters
// ^{}\[~]|€ count twice); any other character (Cyrillic) sends the whole text in UCS-2: 70 in one
// part, 67 per part beyond. A character outside the Basic Multilingual Plane takes two UCS-2 units.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export interface SmsMeasure {
  encoding: 'GSM-7' | 'UCS-2';
  /** Units the text takes: septets (GSM-7) or 16-bit code units (UCS-2). */
  units: number;
  parts: number;
  /** Units per part for this text's length (160/153 or 70/67). */
  perPart: number;
}

export function measureSms(text: string): SmsMeasure {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    const perPart = septets <= 160 ? 160 : 153;
    return { encoding: 'GSM-7', units: septets, parts: septets === 0 ? 1 : Math.ceil(septets / perPart), perPart };
  }
  const units = text.length; // UTF-16 code units, as UCS-2 (UTF-16 on phones) counts them
  const perPart = units <= 70 ? 70 : 67;
  return { encoding: 'UCS-2', units, parts: Math.ceil(units / perPart), perPart };
}

/** Shortens a text to fit one SMS part, ending with «…» when cut. */
export function fitOneSms(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (measureSms(t).parts <= 1) return t;
  const chars = [...t];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measureSms(`${chars.slice(0, mid).join('').trimEnd()}…`).parts <= 1) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
