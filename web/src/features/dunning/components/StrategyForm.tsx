import { Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { CreateStepBody, CreateStrategyBody, DunningStrategy, UpdateStrategyBody } from '@relance/contracts/dunning';
import { useCreditorOptions } from '../../../shared/components/CreditorSelect.tsx';
import { type MessageKey, useT } from '../../../shared/i18n.ts';
import { dunningMessages } from '../messages.ts';
import { EuroInput, euroFieldCents } from './EuroInput.tsx';
import { FormFooter } from './FormFooter.tsx';
import { useCheckedForm } from './useCheckedForm.ts';

type Values = {
  name: string;
  creditorId: string;
  debtorKind: 'company' | 'person' | null;
  minBalanceEuros: number | string;
  maxBalanceEuros: number | string;
  /** Strategy whose steps start the new one ('' = none). */
  copyFromId: string;
  pauseOnPlan: boolean;
  pauseOnPromise: boolean;
  pauseOnLegal: boolean;
};

const euros = (cents: number | null) => (cents === null ? '' : cents / 100);
const cents = (value: number | string) => euroFieldCents(value) ?? null;

/** The agency's own default (no creditor, no segment): the usual starting point of a new strategy. */
export function agencyDefaultOf(strategies: DunningStrategy[]): DunningStrategy | undefined {
  return strategies.find((s) => s.active && s.creditorId === null && s.debtorKind === null && s.minBalanceCents === null && s.maxBalanceCents === null);
}

/** The form's start: the strategy's segment when editing; a new one copies the agency default's steps. */
function initialValues(strategy: DunningStrategy | undefined, strategies: DunningStrategy[]): Values {
  return {
    name: strategy?.name ?? '',
    creditorId: strategy?.creditorId ?? '',
    debtorKind: strategy?.debtorKind ?? null,
    minBalanceEuros: euros(strategy?.minBalanceCents ?? null),
    maxBalanceEuros: euros(strategy?.maxBalanceCents ?? null),
    copyFromId: agencyDefaultOf(strategies)?.id ?? '',
    pauseOnPlan: strategy?.pauseOnPlan ?? true,
    pauseOnPromise: strategy?.pauseOnPromise ?? true,
    pauseOnLegal: strategy?.pauseOnLegal ?? true,
  };
}

/** Client-side checks mirror the API's (name 1-100 characters, amounts >= 0, band in order); the API stays the judge. */
export function validateStrategy(values: Values): Partial<Record<keyof Values, MessageKey<typeof dunningMessages>>> {
  const errors: Partial<Record<keyof Values, MessageKey<typeof dunningMessages>>> = {};
  const name = values.name.trim();
  if (name.length === 0 || name.length > 100) errors.name = 'dunning.strategyForm.nameRequired';
  const amountOk = (value: number | string) => euroFieldCents(value) !== undefined;
  if (!amountOk(values.minBalanceEuros)) errors.minBalanceEuros = 'dunning.strategyForm.amountInvalid';
  if (!amountOk(values.maxBalanceEuros)) errors.maxBalanceEuros = 'dunning.strategyForm.amountInvalid';
  const [min, max] = [cents(values.minBalanceEuros), cents(values.maxBalanceEuros)];
  if (!errors.minBalanceEuros && !errors.maxBalanceEuros && min !== null && max !== null && min > max) {
    errors.maxBalanceEuros = 'dunning.strategyForm.bandInverted';
  }
  return errors;
}

/** A strategy's live steps as creation bodies, in order: copied, they keep their offsets and conditions. */
function stepsOf(strategy: DunningStrategy | undefined): CreateStepBody[] {
  return (strategy?.steps ?? []).map((step) => ({
    offsetDays: step.offsetDays,
    offsetFrom: step.offsetFrom,
    channel: step.channel,
    template: step.channel === 'call_task' ? null : step.template,
    taskLabel: step.channel === 'call_task' ? step.taskLabel : null,
    minBalanceCents: step.minBalanceCents,
    debtorKind: step.debtorKind,
  }));
}

/** The strategy's own fields as the API takes them (a new one adds its creditor and steps). */
function segmentOf(values: Values) {
  return {
    name: values.name.trim(),
    debtorKind: values.debtorKind,
    minBalanceCents: cents(values.minBalanceEuros),
    maxBalanceCents: cents(values.maxBalanceEuros),
    pauseOnPlan: values.pauseOnPlan,
    pauseOnPromise: values.pauseOnPromise,
    pauseOnLegal: values.pauseOnLegal,
  };
}

/**
 * A new strategy (creditor or agency default, segment, steps copied from an existing one), or the
 * segment of an existing one (`strategy` given: the creditor and steps stay, edited on the timeline).
 */
export function StrategyForm({
  strategy,
  strategies,
  pending,
  error,
  onCreate,
  onUpdate,
  onCancel,
}: {
  strategy?: DunningStrategy;
  strategies: DunningStrategy[];
  pending: boolean;
  error: unknown;
  onCreate: (body: CreateStrategyBody) => void;
  onUpdate: (body: UpdateStrategyBody) => void;
  onCancel: () => void;
}) {
  const t = useT(dunningMessages);
  const editing = strategy !== undefined;
  const { values, set, shown, submitWith } = useCheckedForm<Values>(() => initialValues(strategy, strategies), validateStrategy);

  const submit = submitWith((values) => {
    const segment = segmentOf(values);
    if (editing) onUpdate(segment);
    else onCreate({ ...segment, creditorId: values.creditorId || null, steps: stepsOf(strategies.find((s) => s.id === values.copyFromId)) });
  });

  const sources = strategies.filter((s) => s.active && s.steps.length > 0);
  const fields = { values, set, shown };
  return (
    <form onSubmit={submit} noValidate data-testid="strategy-form">
      <Stack gap="sm">
        <TextInput
          label={t('dunning.strategyForm.name')}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={shown('name')}
          maxLength={120}
          data-autofocus
          data-testid="strategy-name"
        />
        {editing ? (
          <TextInput label={t('dunning.strategyForm.creditor')} value={strategy.creditorName ?? t('dunning.agencyDefault')} readOnly variant="filled" />
        ) : (
          <CreditorField value={values.creditorId} onChange={(value) => set('creditorId', value)} />
        )}
        <SegmentFields {...fields} />
        {editing ? null : (
          <NativeSelect
            label={t('dunning.strategyForm.copyFrom')}
            description={t('dunning.strategyForm.copyFromHelp')}
            value={values.copyFromId}
            onChange={(event) => set('copyFromId', event.currentTarget.value)}
            data={[
              ...sources.map((s) => ({ value: s.id, label: t('dunning.strategyForm.stepsCount', { name: s.name, count: s.steps.length }) })),
              { value: '', label: t('dunning.strategyForm.noSteps') },
            ]}
            data-testid="strategy-copy-from"
          />
        )}
        <PauseFields {...fields} />
        <FormFooter
          error={error}
          pending={pending}
          onCancel={onCancel}
          label={editing ? t('dunning.form.save') : t('dunning.strategyForm.create')}
          testId="strategy-save"
        />
      </Stack>
    </form>
  );
}

type FieldsProps = Pick<ReturnType<typeof useCheckedForm<Values>>, 'values' | 'set' | 'shown'>;

/** The cases the strategy is for: a kind of debtor and a band of balances. */
function SegmentFields({ values, set, shown }: FieldsProps) {
  const t = useT(dunningMessages);
  return (
    <>
      <Text fw={600} size="sm">
        {t('dunning.strategyForm.segment')}
      </Text>
      <NativeSelect
        label={t('dunning.strategyForm.debtorKind')}
        value={values.debtorKind ?? 'any'}
        onChange={(event) => {
          const value = event.currentTarget.value;
          set('debtorKind', value === 'company' || value === 'person' ? value : null);
        }}
        data={[
          { value: 'any', label: t('dunning.kind.any') },
          { value: 'company', label: t('dunning.kind.company') },
          { value: 'person', label: t('dunning.kind.person') },
        ]}
        data-testid="strategy-kind"
      />
      <Group grow align="flex-start">
        <EuroInput
          label={t('dunning.strategyForm.minBalance')}
          description={t('dunning.strategyForm.bandHint')}
          value={values.minBalanceEuros}
          onChange={(value) => set('minBalanceEuros', value)}
          error={shown('minBalanceEuros')}
          testId="strategy-min"
        />
        <EuroInput
          label={t('dunning.strategyForm.maxBalance')}
          description={t('dunning.strategyForm.bandHint')}
          value={values.maxBalanceEuros}
          onChange={(value) => set('maxBalanceEuros', value)}
          error={shown('maxBalanceEuros')}
          testId="strategy-max"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('dunning.strategyForm.segmentNote')}
      </Text>
    </>
  );
}

/** When the strategy waits: during a payment plan, a promise, a legal action. */
function PauseFields({ values, set }: Omit<FieldsProps, 'shown'>) {
  const t = useT(dunningMessages);
  return (
    <Stack gap={4}>
      <Text size="sm">{t('dunning.strategyForm.pauses')}</Text>
      <Group gap="md">
        <Checkbox label={t('dunning.pause.plan')} checked={values.pauseOnPlan} onChange={(event) => set('pauseOnPlan', event.currentTarget.checked)} />
        <Checkbox label={t('dunning.pause.promise')} checked={values.pauseOnPromise} onChange={(event) => set('pauseOnPromise', event.currentTarget.checked)} />
        <Checkbox label={t('dunning.pause.legal')} checked={values.pauseOnLegal} onChange={(event) => set('pauseOnLegal', event.currentTarget.checked)} />
      </Group>
    </Stack>
  );
}

/** A new strategy's creditor, or none for an agency default (a strategy keeps its creditor). */
function CreditorField({ value, onChange }: { value: string; onChange: (creditorId: string) => void }) {
  const t = useT(dunningMessages);
  const creditors = useCreditorOptions(true);
  return (
    <NativeSelect
      label={t('dunning.strategyForm.creditor')}
      description={t('dunning.strategyForm.creditorHelp')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: '', label: t('dunning.agencyDefault') },
        ...(creditors.data?.items ?? []).map((creditor) => ({ value: creditor.id, label: creditor.brand.displayName })),
      ]}
      disabled={creditors.isLoading}
      data-testid="strategy-creditor"
    />
  );
}
