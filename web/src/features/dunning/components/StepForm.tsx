import { Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { DunningChannel, DunningStep, DunningTemplate, UpdateStepBody } from '@relance/contracts/dunning';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { dunningMessages } from '../messages.ts';
import { EuroInput, euroFieldCents } from './EuroInput.tsx';
import { FormFooter } from './FormFooter.tsx';
import { useCheckedForm } from './useCheckedForm.ts';

export const CHANNELS: readonly DunningChannel[] = ['letter', 'email', 'sms', 'registered_letter', 'call_task'];
export const TEMPLATES: readonly DunningTemplate[] = ['first_letter', 'firmer_reminder', 'mise_en_demeure', 'plan_agreement', 'receipt', 'dispute_acknowledgment'];

/** One glyph per channel (the app's nav uses glyphs too: no icon font to ship). */
export const channelGlyph: Record<DunningChannel, string> = { letter: '✉', email: '@', sms: '✆', registered_letter: '⚖', call_task: '☎' };

type Values = {
  offsetDays: number | string;
  offsetFrom: 'placement' | 'previous';
  channel: DunningChannel;
  template: DunningTemplate | null;
  taskLabel: string;
  minBalanceEuros: number | string;
  debtorKind: 'company' | 'person' | null;
};

export function initialValues(step?: DunningStep): Values {
  return {
    offsetDays: step?.offsetDays ?? 0,
    offsetFrom: step?.offsetFrom ?? 'placement',
    channel: step?.channel ?? 'letter',
    template: step?.template ?? (step ? null : 'firmer_reminder'),
    taskLabel: step?.taskLabel ?? '',
    minBalanceEuros: step?.minBalanceCents === null || step?.minBalanceCents === undefined ? '' : step.minBalanceCents / 100,
    debtorKind: step?.debtorKind ?? null,
  };
}

/** Client-side checks mirror the API's (a call task has a label, a message a template, offsets are whole days >= 0). */
export function validateStep(values: Values): Partial<Record<keyof Values, MessageKey<typeof dunningMessages>>> {
  const errors: Partial<Record<keyof Values, MessageKey<typeof dunningMessages>>> = {};
  const offset = Number(values.offsetDays);
  if (values.offsetDays === '' || !Number.isInteger(offset) || offset < 0 || offset > 3650) errors.offsetDays = 'dunning.form.offsetInvalid';
  if (values.channel === 'call_task' && values.taskLabel.trim() === '') errors.taskLabel = 'dunning.form.labelRequired';
  if (values.channel !== 'call_task' && !values.template) errors.template = 'dunning.form.templateRequired';
  if (euroFieldCents(values.minBalanceEuros) === undefined) errors.minBalanceEuros = 'dunning.form.amountInvalid';
  return errors;
}

export function toBody(values: Values): UpdateStepBody {
  const call = values.channel === 'call_task';
  return {
    offsetDays: Number(values.offsetDays),
    offsetFrom: values.offsetFrom,
    channel: values.channel,
    template: call ? null : values.template,
    taskLabel: call ? values.taskLabel.trim() : null,
    minBalanceCents: euroFieldCents(values.minBalanceEuros) ?? null,
    debtorKind: values.debtorKind,
  };
}

export function StepForm({
  step,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  step?: DunningStep;
  pending: boolean;
  error: unknown;
  onSubmit: (body: UpdateStepBody) => void;
  onCancel: () => void;
}) {
  const t = useT(dunningMessages);
  const { values, set, shown, submitWith } = useCheckedForm<Values>(() => initialValues(step), validateStep);
  const submit = submitWith((values) => onSubmit(toBody(values)));

  const fields = { values, set, shown };

  return (
    <form onSubmit={submit} noValidate data-testid="step-form">
      <Stack gap="sm">
        <WhenFields {...fields} />
        <WhatFields {...fields} />
        <ConditionFields {...fields} />
        <FormFooter error={error} pending={pending} onCancel={onCancel} label={t('dunning.form.save')} testId="step-save" />
      </Stack>
    </form>
  );
}

type FieldsProps = Pick<ReturnType<typeof useCheckedForm<Values>>, 'values' | 'set' | 'shown'>;

/** When the step runs: days after the placement or after the previous step. */
function WhenFields({ values, set, shown }: FieldsProps) {
  const t = useT(dunningMessages);
  return (
    <Group grow align="flex-start">
      <NumberInput
        label={t('dunning.form.offset')}
        min={0}
        max={3650}
        allowDecimal={false}
        value={values.offsetDays}
        onChange={(value) => set('offsetDays', value)}
        error={shown('offsetDays')}
        data-autofocus
        data-testid="step-offset"
      />
      <Select
        label={t('dunning.form.offsetFrom')}
        value={values.offsetFrom}
        onChange={(value) => set('offsetFrom', (value as Values['offsetFrom']) ?? 'placement')}
        data={[
          { value: 'placement', label: t('dunning.form.fromPlacement') },
          { value: 'previous', label: t('dunning.form.fromPrevious') },
        ]}
        allowDeselect={false}
      />
    </Group>
  );
}

/** What the step does: a message from a template, or a call task with its label. */
function WhatFields({ values, set, shown }: FieldsProps) {
  const t = useT(dunningMessages);
  return (
    <>
      <Select
        label={t('dunning.form.channel')}
        value={values.channel}
        onChange={(value) => set('channel', (value as DunningChannel) ?? 'letter')}
        data={CHANNELS.map((channel) => ({ value: channel, label: `${channelGlyph[channel]}  ${t(`dunning.channel.${channel}` as MessageKey<typeof dunningMessages>)}` }))}
        allowDeselect={false}
        data-testid="step-channel"
      />
      {values.channel === 'call_task' ? (
        <TextInput
          label={t('dunning.form.taskLabel')}
          value={values.taskLabel}
          onChange={(event) => set('taskLabel', event.currentTarget.value)}
          error={shown('taskLabel')}
          maxLength={200}
        />
      ) : (
        <Select
          label={t('dunning.form.template')}
          value={values.template}
          onChange={(value) => set('template', value as DunningTemplate | null)}
          data={TEMPLATES.map((template) => ({ value: template, label: t(`dunning.template.${template}` as MessageKey<typeof dunningMessages>) }))}
          error={shown('template')}
          data-testid="step-template"
        />
      )}
    </>
  );
}

/** Which cases the step applies to: a minimum balance, one kind of debtor. */
function ConditionFields({ values, set, shown }: FieldsProps) {
  const t = useT(dunningMessages);
  return (
    <Group grow align="flex-start">
      <EuroInput
        label={t('dunning.form.minBalance')}
        description={t('dunning.form.minBalanceHint')}
        value={values.minBalanceEuros}
        onChange={(value) => set('minBalanceEuros', value)}
        error={shown('minBalanceEuros')}
      />
      <Select
        label={t('dunning.form.debtorKind')}
        value={values.debtorKind}
        onChange={(value) => set('debtorKind', value as Values['debtorKind'])}
        data={[
          { value: 'company', label: t('dunning.kind.company') },
          { value: 'person', label: t('dunning.kind.person') },
        ]}
        placeholder={t('dunning.kind.any')}
        clearable
      />
    </Group>
  );
}
