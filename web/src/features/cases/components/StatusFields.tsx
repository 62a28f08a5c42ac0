import { NativeSelect, Textarea } from '@mantine/core';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { casesMessages } from '../messages.ts';

// The fields of a manual status change, shared by the case screen's dialog and the case list's bulk
// change: the same outcomes and the same reason rule (3 characters at least, written on the timeline).

export const caseOutcomes = ['paid', 'partially_paid', 'irrecoverable', 'returned_to_creditor'] as const;
export type CaseOutcomeChoice = (typeof caseOutcomes)[number];

export function OutcomeSelect({ value, onChange, showError, testId }: { value: CaseOutcomeChoice | ''; onChange: (value: CaseOutcomeChoice | '') => void; showError: boolean; testId: string }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <NativeSelect
      label={t('caseWork.outcome')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as CaseOutcomeChoice | '')}
      data={[{ value: '', label: t('caseWork.chooseOutcome'), disabled: true }, ...caseOutcomes.map((outcome) => ({ value: outcome, label: t.dyn(`caseWork.outcome.${outcome}`, outcome) }))]}
      error={showError && !value ? t('common.required') : null}
      data-testid={testId}
    />
  );
}

export function ReasonField({ value, onChange, showError, description, testId, autoFocus = false }: { value: string; onChange: (value: string) => void; showError: boolean; description: string; testId: string; autoFocus?: boolean }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <Textarea
      label={t('caseWork.reason')}
      description={description}
      required
      autosize
      minRows={2}
      maxLength={1000}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={showError && value.trim().length < 3 ? t('caseWork.reasonRequired') : null}
      data-testid={testId}
      {...(autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}
