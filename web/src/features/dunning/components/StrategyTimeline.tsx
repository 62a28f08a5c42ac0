import { Badge, Button, Group, Modal, Stack, Text, Timeline } from '@mantine/core';
import type { DunningStep, DunningStrategy } from '@relance/contracts/dunning';
import { useState } from 'react';
import { EmptyBlock, ErrorState } from '../../../shared/components/states.tsx';
import { formatMoney, formatNumber, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { useAddStep, useRemoveStep, useUpdateStep } from '../api/dunning.ts';
import { dunningMessages } from '../messages.ts';
import { channelGlyph, StepForm } from './StepForm.tsx';

function stepTitle(step: DunningStep, t: Translate<MessageKey<typeof dunningMessages>>): string {
  return step.channel === 'call_task' ? (step.taskLabel ?? '') : t(`dunning.template.${step.template}` as MessageKey<typeof dunningMessages>);
}

export function StrategyTimeline({ strategy, canEdit }: { strategy: DunningStrategy; canEdit: boolean }) {
  const t = useT(dunningMessages);
  const [editing, setEditing] = useState<DunningStep | 'new' | null>(null);
  const update = useUpdateStep(strategy.id);
  const add = useAddStep(strategy.id);
  const remove = useRemoveStep(strategy.id);
  if (strategy.steps.length === 0 && !canEdit) return <EmptyBlock title={t('dunning.noSteps')} />;
  return (
    <Stack gap="sm">
      <Timeline active={strategy.steps.length} bulletSize={28} lineWidth={2} data-testid="dunning-timeline">
        {strategy.steps.map((step) => (
          <Timeline.Item
            key={step.id}
            bullet={<span aria-hidden="true">{channelGlyph[step.channel]}</span>}
            title={
              <Group gap="xs" wrap="nowrap">
                <Badge variant="filled" size="sm">
                  J+{step.day}
                </Badge>
                <Text fw={600} size="sm">
                  {t(`dunning.channel.${step.channel}` as MessageKey<typeof dunningMessages>)}
                </Text>
              </Group>
            }
            data-testid="dunning-step"
          >
            <StepDetails
              step={step}
              canEdit={canEdit}
              removing={remove.isPending && remove.variables === step.id}
              onEdit={() => {
                update.reset();
                setEditing(step);
              }}
              onRemove={() => {
                if (window.confirm(t('dunning.removeConfirm'))) remove.mutate(step.id);
              }}
            />
          </Timeline.Item>
        ))}
      </Timeline>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
      {canEdit ? (
        <Button variant="light" size="xs" onClick={() => { add.reset(); setEditing('new'); }} style={{ alignSelf: 'flex-start' }}>
          {t('dunning.addStep')}
        </Button>
      ) : null}
      <StepModal editing={editing} add={add} update={update} onClose={() => setEditing(null)} />
    </Stack>
  );
}

/** Under a step's day and channel: what it sends, when, to whom, how many cases are there, and its actions. */
function StepDetails({
  step,
  canEdit,
  removing,
  onEdit,
  onRemove,
}: {
  step: DunningStep;
  canEdit: boolean;
  removing: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useT(dunningMessages);
  return (
    <>
      <Text size="sm">{stepTitle(step, t)}</Text>
      <Text size="xs" c="dimmed">
        {step.offsetFrom === 'previous' ? t('dunning.afterPrevious', { days: step.offsetDays }) : t('dunning.afterPlacement', { days: step.offsetDays })}
        {step.minBalanceCents !== null ? ` · ${t('dunning.minBalance', { amount: formatMoney(step.minBalanceCents, 'EUR', t.locale) })}` : ''}
        {step.debtorKind ? ` · ${t(`dunning.kind.${step.debtorKind}` as MessageKey<typeof dunningMessages>)}` : ''}
      </Text>
      <Group gap="xs" mt={4}>
        <Text size="xs">{t('dunning.casesAtStep', { count: formatNumber(step.casesAtStep, t.locale) })}</Text>
        {canEdit ? (
          <>
            <Button size="compact-xs" variant="light" onClick={onEdit} aria-label={t('dunning.editStepLabel', { day: step.day, channel: t(`dunning.channel.${step.channel}` as MessageKey<typeof dunningMessages>) })}>
              {t('dunning.edit')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" loading={removing} onClick={onRemove}>
              {t('dunning.remove')}
            </Button>
          </>
        ) : null}
      </Group>
    </>
  );
}

/** A new step, or a step's edit, in a modal (cases that already got the step do not get it again). */
function StepModal({
  editing,
  add,
  update,
  onClose,
}: {
  editing: DunningStep | 'new' | null;
  add: ReturnType<typeof useAddStep>;
  update: ReturnType<typeof useUpdateStep>;
  onClose: () => void;
}) {
  const t = useT(dunningMessages);
  const mutation = editing === 'new' ? add : update;
  return (
    <Modal opened={editing !== null} onClose={onClose} title={editing === 'new' ? t('dunning.addStep') : t('dunning.editStep')} size="lg">
      {editing !== null ? (
        <>
          {editing !== 'new' ? (
            <Text size="xs" c="dimmed" mb="sm">
              {t('dunning.editNote')}
            </Text>
          ) : null}
          <StepForm
            {...(editing === 'new' ? {} : { step: editing })}
            pending={mutation.isPending}
            error={mutation.error}
            onCancel={onClose}
            onSubmit={(body) => {
              if (editing === 'new') {
                add.mutate({ ...body, offsetFrom: body.offsetFrom ?? 'placement', channel: body.channel ?? 'letter' } as Parameters<typeof add.mutate>[0], { onSuccess: onClose });
              } else {
                update.mutate({ stepId: editing.id, body }, { onSuccess: onClose });
              }
            }}
          />
        </>
      ) : null}
    </Modal>
  );
}
