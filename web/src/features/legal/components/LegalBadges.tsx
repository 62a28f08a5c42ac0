import { Badge } from '@mantine/core';
import type { LegalActionStageDto } from '@relance/contracts/legal-actions';
import { useT } from '../../../shared/i18n.ts';
import { groupOf, urgencyOf } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';

const stageColors = { approval: 'yellow', ready: 'teal', inProgress: 'grape', closed: 'gray' } as const;

/** The action's stage in words, coloured by its board group. */
export function StageBadge({ stage }: { stage: LegalActionStageDto }) {
  const t = useT(legalMessages);
  const color = stage === 'lapsed' || stage === 'refused' || stage === 'rejected' ? 'red' : stage === 'title_obtained' ? 'green' : stageColors[groupOf(stage)];
  return (
    <Badge color={color} variant="light" miw="max-content" data-testid="legal-stage" data-stage={stage} styles={{ label: { textTransform: 'none' } }}>
      {t.dyn(`legal.stage.${stage}`, stage)}
    </Badge>
  );
}

/** Days left before a deadline: red under 7 days, orange under 30. */
export function DaysLeftBadge({ daysLeft }: { daysLeft: number }) {
  const t = useT(legalMessages);
  const label = daysLeft > 0 ? t('legal.daysLeft', { days: daysLeft }) : daysLeft === 0 ? t('legal.dueToday') : t('legal.overdue', { days: -daysLeft });
  return (
    <Badge miw="max-content" color={urgencyOf(daysLeft)} variant={daysLeft < 7 ? 'filled' : 'light'} data-testid="days-left" data-days={daysLeft} data-urgency={urgencyOf(daysLeft)} styles={{ label: { textTransform: 'none' } }}>
      {label}
    </Badge>
  );
}
