import type { RateForecast } from '../../../../src/contracts/forecast.js';
import { numberRu, percentRu } from '../../format.js';

// Pieces the forecast pages share: a rate with its interval, a probability.

export const probRu = (p: number) => (p > 0.99 ? '> 99 %' : p < 0.01 ? '< 1 %' : `${numberRu(Math.round(p * 100), 0)} %`);

export function Rate({ r, last }: { r: RateForecast | null; last?: number | null }) {
  if (!r) return <>—</>;
  const below = last !== null && last !== undefined && r.expected <= last - 5;
  return (
    <>
      {percentRu(r.expected)}
      <div className="small muted">
        от {percentRu(r.from)} до {percentRu(r.to)}
      </div>
      {last !== undefined && last !== null && (
        <div className="small muted">
          в прошлом семестре {percentRu(last)}
          {below && <span className="badge danger">ниже</span>}
        </div>
      )}
    </>
  );
}

export const gradeRange = (from: string, to: string) => (from === to ? `«${from}»` : `«${from}»–«${to}»`);
