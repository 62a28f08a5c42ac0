import { type PlannableStep, plannedStepsOfStrategies } from '@relance/domain/wording-check';
import type { SqlExec } from '../../plugins/sql.ts';

// The steps a creditor's letters may announce (@relance/domain wording-check): those every active
// dunning strategy that may serve its cases plans (its own and the agency's shared ones). Kept here,
// at the bottom with the creditor, so that the wording checks of messages (before sending), of the
// creditor's brand and of the wording proposals read it without depending on the dunning feature
// (which builds on messages). Reads the strategies' tables only.

export async function plannedStepsForCreditor(exec: SqlExec, creditorId: string): Promise<PlannableStep[]> {
  const strategies = await exec<{ templates: string[] }>(
    `select coalesce(array_agg(distinct st.template) filter (where st.template is not null), '{}') as templates
       from dunning_strategy s
       left join dunning_step st on st.strategy_id = s.id and st.archived_at is null
      where s.active and (s.creditor_id is null or s.creditor_id = ?)
      group by s.id`,
    [creditorId],
  );
  return plannedStepsOfStrategies(strategies);
}
