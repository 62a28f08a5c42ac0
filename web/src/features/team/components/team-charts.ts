import type { TeamBoard } from '@relance/contracts/team';

type Figures = TeamBoard['team'];

/** Share of the promises made in the period that were kept; null when none was made (no rate, not 0 %). */
export function promiseKeptRate(figures: Pick<Figures, 'promisesMade' | 'promisesKept'>): number | null {
  return figures.promisesMade === 0 ? null : figures.promisesKept / figures.promisesMade;
}

/** Share of the plans agreed in the period that are on schedule (active or completed); null when none. */
export function planOnScheduleRate(figures: Pick<Figures, 'plansAgreed' | 'plansKept'>): number | null {
  return figures.plansAgreed === 0 ? null : figures.plansKept / figures.plansAgreed;
}

/** Whether a list of figures has anything to chart for one key. */
export function anyFigure<Row>(rows: readonly Row[], value: (row: Row) => number | null): boolean {
  return rows.some((row) => {
    const figure = value(row);
    return figure !== null && figure !== 0;
  });
}
