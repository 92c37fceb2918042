// The UCI «Student Performance» data (Cortez & Silva 2008; see datasets/uci-student-performance/README.md):
// reading the `;`-separated files and turning each student into a numeric row as the paper did
// (binary attributes as 0/1, nominal ones one-hot, the rest as numbers).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type UciDataset = 'mat' | 'por';
export type UciSetup = 'A' | 'B' | 'C';

export const UCI_TITLES: Record<UciDataset, string> = { mat: 'UCI Mathematics', por: 'UCI Portuguese' };

/** The published figures from the dataset's README (Cortez & Silva 2008, table 4): naive / best. */
export const PUBLISHED: Record<UciDataset, Record<UciSetup, { rmse: [number, number]; pass?: [number, number] }>> = {
  mat: { A: { rmse: [2.01, 1.78], pass: [0.919, 0.913] }, B: { rmse: [2.8, 2.46] }, C: { rmse: [4.58, 3.9] } },
  por: { A: { rmse: [1.32, 1.33], pass: [0.897, 0.927] }, B: { rmse: [1.89, 1.74] }, C: { rmse: [3.23, 2.66] } },
};

const NOMINAL = ['Mjob', 'Fjob', 'reason', 'guardian'];
const BINARY: Record<string, string> = {
  school: 'MS',
  sex: 'M',
  address: 'U',
  famsize: 'GT3',
  Pstatus: 'T',
  schoolsup: 'yes',
  famsup: 'yes',
  paid: 'yes',
  activities: 'yes',
  nursery: 'yes',
  higher: 'yes',
  internet: 'yes',
  romantic: 'yes',
};

export interface UciData {
  features: string[];
  x: number[][];
  /** G1, G2, G3 of each student. */
  g1: number[];
  g2: number[];
  g3: number[];
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');

/**
 * Features made from the attributes, for setup C where no grade is known (decision 045; fixed before
 * any run, not chosen on the folds): past failures at all, absences on a log scale and none at all,
 * the parents' education together, alcohol on workdays and weekends together, and three interactions
 * — wanting higher education × study time, × past failures, and going out × weekend alcohol.
 */
export const DERIVED: { name: string; of: (v: (f: string) => number) => number }[] = [
  { name: 'failures>0', of: (v) => (v('failures') > 0 ? 1 : 0) },
  { name: 'log(1+absences)', of: (v) => Math.log1p(v('absences')) },
  { name: 'absences=0', of: (v) => (v('absences') === 0 ? 1 : 0) },
  { name: 'Medu+Fedu', of: (v) => v('Medu') + v('Fedu') },
  { name: 'Dalc+Walc', of: (v) => v('Dalc') + v('Walc') },
  { name: 'higher×studytime', of: (v) => v('higher') * v('studytime') },
  { name: 'higher×failures', of: (v) => v('higher') * v('failures') },
  { name: 'goout×Walc', of: (v) => v('goout') * v('Walc') },
];

/**
 * Reads one file; `setup` decides whether G1 and G2 are among the features (A: both, B: G1, C: neither);
 * with `derived`, the DERIVED features follow the attributes.
 */
export function loadUci(
  dataset: UciDataset,
  setup: UciSetup,
  { dir = join(import.meta.dirname, 'datasets', 'uci-student-performance'), derived = false }: { dir?: string; derived?: boolean } = {},
): UciData {
  const lines = readFileSync(join(dir, `student-${dataset}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(';').map(unquote);
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(';').map(unquote);
    if (cells.length !== header.length) throw new Error(`student-${dataset}.csv: a row with ${cells.length} cells`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
  const levels = Object.fromEntries(NOMINAL.map((c) => [c, [...new Set(rows.map((r) => r[c]))].sort()]));
  const grades = setup === 'A' ? ['G1', 'G2'] : setup === 'B' ? ['G1'] : [];
  const features: string[] = [];
  for (const h of header) {
    if (h === 'G1' || h === 'G2' || h === 'G3') continue;
    if (NOMINAL.includes(h)) for (const v of levels[h]) features.push(`${h}=${v}`);
    else features.push(h);
  }
  features.push(...grades);
  const valueOf = (r: Record<string, string>, f: string) => {
    const eq = f.indexOf('=');
    if (eq > 0) return r[f.slice(0, eq)] === f.slice(eq + 1) ? 1 : 0;
    if (f in BINARY) return r[f] === BINARY[f] ? 1 : 0;
    const v = Number(r[f]);
    if (!Number.isFinite(v)) throw new Error(`student-${dataset}.csv: ${f} = ${r[f]} is not a number`);
    return v;
  };
  const x = rows.map((r) => [...features.map((f) => valueOf(r, f)), ...(derived ? DERIVED.map((d) => d.of((f) => valueOf(r, f))) : [])]);
  if (derived) features.push(...DERIVED.map((d) => d.name));
  const num = (c: string) => rows.map((r) => Number(r[c]));
  return { features, x, g1: num('G1'), g2: num('G2'), g3: num('G3') };
}
