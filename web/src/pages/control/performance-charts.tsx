import type { PerformanceReport } from '../../../../src/contracts/performance.js';
import { percentRu } from '../../format.js';

// Plain SVG charts of the performance report: rates by group, the trend by term, absences by week.

const pct = percentRu;

/** Horizontal bars: успеваемость and качество знаний of each row (a group, a college). */
export function RatesChart({
  caption,
  rows,
  left = 90,
}: {
  caption: string;
  rows: { key: string; name: string; passRate: number | null; qualityRate: number | null }[];
  /** Room for the names on the left. */
  left?: number;
}) {
  if (!rows.length) return null;
  const bar = 9;
  const rowH = 2 * bar + 8;
  const width = 460;
  const h = rows.length * rowH + 24;
  const chars = Math.floor(left / 6.5);
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <svg role="img" aria-label={caption} viewBox={`0 0 ${left + width + 60} ${h}`} width="100%" style={{ maxWidth: left + 550 }}>
        {rows.map((r, i) => {
          const y = i * rowH + 4;
          const pass = r.passRate ?? 0;
          const quality = r.qualityRate ?? 0;
          return (
            <g key={r.key}>
              <text x={left - 6} y={y + bar + 3} textAnchor="end" fontSize="11">
                {r.name.length > chars ? `${r.name.slice(0, chars - 1)}…` : r.name}
              </text>
              <rect x={left} y={y} width={(pass / 100) * width} height={bar} fill="#2f6f9f">
                <title>{`${r.name}: успеваемость ${pct(r.passRate)}`}</title>
              </rect>
              <text x={left + (pass / 100) * width + 4} y={y + bar - 1} fontSize="9">
                {pct(r.passRate)}
              </text>
              <rect x={left} y={y + bar + 1} width={(quality / 100) * width} height={bar} fill="#8fb9d6">
                <title>{`${r.name}: качество ${pct(r.qualityRate)}`}</title>
              </rect>
              <text x={left + (quality / 100) * width + 4} y={y + 2 * bar} fontSize="9">
                {pct(r.qualityRate)}
              </text>
            </g>
          );
        })}
        <g fontSize="10">
          <rect x={left} y={h - 14} width={10} height={8} fill="#2f6f9f" />
          <text x={left + 14} y={h - 7}>
            успеваемость
          </text>
          <rect x={left + 110} y={h - 14} width={10} height={8} fill="#8fb9d6" />
          <text x={left + 124} y={h - 7}>
            качество знаний
          </text>
        </g>
      </svg>
    </figure>
  );
}

/** The performance report's groups. */
export const RatesByGroupChart = ({ rows }: { rows: PerformanceReport['sections']['groups'] }) => (
  <RatesChart caption="Успеваемость и качество знаний по группам" rows={rows.map((r) => ({ key: r.key, name: r.name, ...r.stats }))} />
);

/** Lines of успеваемость, качество and СОУ, term by term. */
export function TrendChart({ trend }: { trend: PerformanceReport['trend'] }) {
  if (trend.length < 2) return null;
  const w = 480;
  const h = 160;
  const left = 34;
  // Room on the right for half of the last term's title, centred under its point.
  const step = (w - left - 36) / (trend.length - 1);
  const y = (v: number) => 10 + (1 - v / 100) * (h - 50);
  const lines: [keyof PerformanceReport['trend'][number], string, string][] = [
    ['passRate', '#2f6f9f', 'успеваемость'],
    ['qualityRate', '#4c9a5b', 'качество'],
    ['learningDegree', '#b5651d', 'СОУ'],
  ];
  return (
    <figure className="chart">
      <figcaption>Изменение по семестрам</figcaption>
      <svg
        role="img"
        aria-label="Изменение успеваемости, качества и СОУ по семестрам"
        viewBox={`0 0 ${w} ${h}`}
        width="100%"
        style={{ maxWidth: 560 }}
      >
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={w - 10} y1={y(v)} y2={y(v)} stroke="#ddd" />
            <text x={left - 4} y={y(v) + 3} fontSize="9" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {trend.map((t, i) => (
          <text key={t.title} x={left + i * step} y={h - 28} fontSize="9" textAnchor="middle">
            {t.title
              .replace(/ (\d{4})\/(\d{4})$/, ' $1/$2')
              .split(' ')
              .slice(0, 2)
              .join(' ')}
          </text>
        ))}
        {trend.map((t, i) => (
          <text key={`y${t.title}`} x={left + i * step} y={h - 18} fontSize="8" textAnchor="middle" fill="#666">
            {t.title.split(' ').at(-1)}
          </text>
        ))}
        {lines.map(([k, color]) => {
          const pts = trend.map((t, i) => [left + i * step, t[k]] as const).filter(([, v]) => typeof v === 'number') as [number, number][];
          return (
            <g key={k}>
              <polyline fill="none" stroke={color} strokeWidth="2" points={pts.map(([x, v]) => `${x},${y(v)}`).join(' ')} />
              {pts.map(([x, v]) => (
                <circle key={x} cx={x} cy={y(v)} r="3" fill={color}>
                  <title>{`${v} %`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <g fontSize="10">
          {lines.map(([k, color, label], i) => (
            <g key={k}>
              <rect x={left + i * 110} y={h - 10} width={10} height={8} fill={color} />
              <text x={left + 14 + i * 110} y={h - 3}>
                {label}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}

/** Stacked bars of absence hours by week: excused below, not excused above. */
export function AbsencesByWeekChart({ weeks }: { weeks: PerformanceReport['absencesByWeek'] }) {
  if (!weeks.length) return null;
  const w = 560;
  const h = 150;
  const max = Math.max(...weeks.map((x) => x.excused + x.unexcused), 1);
  const bw = Math.max(4, Math.min(28, (w - 40) / weeks.length - 3));
  const scale = (v: number) => (v / max) * (h - 40);
  // A week's «дд.мм» takes about 24 units: over a long term every second or third week is labelled.
  const labelEvery = Math.ceil(24 / (bw + 3));
  return (
    <figure className="chart">
      <figcaption>Пропуски по неделям, часов</figcaption>
      <svg
        role="img"
        aria-label="Пропуски по неделям: уважительные и неуважительные, в часах"
        viewBox={`0 0 ${w} ${h}`}
        width="100%"
        style={{ maxWidth: 640 }}
      >
        {weeks.map((x, i) => {
          const cx = 30 + i * (bw + 3);
          const e = scale(x.excused);
          const u = scale(x.unexcused);
          const [, m, d] = x.week.split('-');
          return (
            <g key={x.week}>
              <rect x={cx} y={h - 24 - e} width={bw} height={e} fill="#8fb9d6" />
              <rect x={cx} y={h - 24 - e - u} width={bw} height={u} fill="#c0392b" />
              <title>{`Неделя с ${d}.${m}: уважительные ${x.excused} ч, неуважительные ${x.unexcused} ч`}</title>
              {i % labelEvery === 0 && <text x={cx + bw / 2} y={h - 12} fontSize="8" textAnchor="middle">{`${d}.${m}`}</text>}
            </g>
          );
        })}
        <text x={4} y={12} fontSize="9">
          {max} ч
        </text>
        <g fontSize="10">
          <rect x={30} y={h - 8} width={10} height={7} fill="#8fb9d6" />
          <text x={44} y={h - 1}>
            уважительные
          </text>
          <rect x={150} y={h - 8} width={10} height={7} fill="#c0392b" />
          <text x={164} y={h - 1}>
            неуважительные
          </text>
        </g>
      </svg>
    </figure>
  );
}
