import type { Generated } from 'kysely';

export type ModelKind = 'five' | 'pass' | 'gia_demo' | 'gia_thesis';

/** The forecast models a college trained on its own history (migration 1300, decision 036). */
export interface ForecastTables {
  forecast_models: {
    id: Generated<number>;
    organization_id: number;
    /** `five` — term grades 2…5; `pass` — зачтено / не зачтено; `gia_demo`, `gia_thesis` — the demo exam and the thesis (decision 044). */
    kind: ModelKind;
    /** `history` — trained on the college's term grades; `prior` — the built-in model (too little history). */
    source: 'history' | 'prior';
    /** The model as domain/forecast ordinalFromJSON reads it. */
    model: string;
    trained_at: string;
    /** Training rows (student × subject × past term, features as of mid-term). */
    rows: number;
    /** JSON: the backtest on the last past term beside the naive forecast, and the terms used. */
    metrics: string;
    made_by_job: string | null;
    made_by_user_id: number | null;
  };
}
