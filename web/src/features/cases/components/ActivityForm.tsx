import { Button, Checkbox, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { callOutcome } from '@relance/contracts/cases';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type RefObject, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { describeGateReason, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useFieldErrors } from '../../../shared/useFieldErrors.ts';
import { contactCheckOptions } from '../api/case-work.ts';
import { type CallOutcome, useLogActivity } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';
import { ContactRuleAlert } from './ContactRuleAlert.tsx';

export function ActivityForm({ caseId, noteRef }: { caseId: string; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const t = useT(casesMessages);
  const form = useActivityForm(caseId);
  const { kind, outcome, text, problems, mutation, submit } = form;

  return (
    <Paper p="md">
      <form onSubmit={submit} noValidate data-testid="activity-form">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('case.logActivity')}</Title>
            <SegmentedControl
              size="xs"
              value={kind}
              onChange={(value) => form.setKind(value as 'call' | 'note')}
              data={[
                { value: 'call', label: t('case.kindCall') },
                { value: 'note', label: t('case.kindNote') },
              ]}
              data-testid="activity-kind"
            />
          </Group>
          {kind === 'call' && <ContactRuleAlert caseId={caseId} />}
          {kind === 'call' && form.mayOverride && <OverrideFields form={form} />}
          {kind === 'call' && (
            <NativeSelect
              label={t('case.outcome')}
              value={outcome}
              onChange={(event) => form.setOutcome(event.currentTarget.value as CallOutcome | '')}
              data={[
                { value: '', label: t('case.chooseOutcome'), disabled: true },
                ...callOutcome.options.map((value) => ({ value, label: t.dyn(`outcome.${value}`, value) })),
              ]}
              error={problems.errors.outcome}
              data-testid="call-outcome"
            />
          )}
          <Textarea
            ref={noteRef}
            label={t('case.note')}
            placeholder={t('case.notePlaceholder')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            value={text}
            onChange={(event) => form.setText(event.currentTarget.value)}
            onKeyDown={getHotkeyHandler([
              ['mod+Enter', () => submit()],
              ['Escape', () => noteRef.current?.blur()],
            ])}
            error={problems.errors.text}
            data-testid="call-note"
          />
          {kind === 'note' && (
            <Checkbox
              label={t('case.noteShared')}
              description={t('case.noteSharedHelp')}
              checked={form.shared}
              onChange={(event) => form.setShared(event.currentTarget.checked)}
              data-testid="note-shared"
            />
          )}
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Group justify="space-between" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {t('case.saveHint')}
            </Text>
            <Button type="submit" loading={mutation.isPending} data-testid="call-submit">
              {t('case.saveActivity')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A manager calling anyway when only the hours or the cap stand in the way: a tick and the reason (audit trail). */
function OverrideFields({ form }: { form: ReturnType<typeof useActivityForm> }) {
  const t = useT(casesMessages);
  return (
    <Stack gap={4} data-testid="call-override">
      <Checkbox
        label={t('contactRule.override')}
        checked={form.override.on}
        onChange={(event) => form.setOverride({ ...form.override, on: event.currentTarget.checked })}
        data-testid="call-override-toggle"
      />
      {form.override.on && (
        <TextInput
          label={t('contactRule.overrideReason')}
          value={form.override.reason}
          onChange={(event) => form.setOverride({ ...form.override, reason: event.currentTarget.value })}
          error={form.problems.errors.override}
          maxLength={2000}
          data-testid="call-override-reason"
        />
      )}
    </Stack>
  );
}

/**
 * The call/note form's state, its checks and the logging (the gate's warnings come back with the
 * saved entry). A manager may call anyway when only the hours or the cap stand in the way, saying why.
 */
/** Saved: in warn mode a call is logged with the rules it broke (`warned`), said in a yellow notice. */
function notifySaved(warned: string, texts: { warnedTitle: string; saved: string }) {
  if (warned) notifications.show({ color: 'yellow', title: texts.warnedTitle, message: warned, autoClose: 6000 });
  else notifications.show({ color: 'teal', message: texts.saved, autoClose: 2500 });
}

function useActivityForm(caseId: string) {
  const t = useT(casesMessages);
  const g = useT(gateReasonMessages);
  const user = useUser();
  const check = useQuery(contactCheckOptions(caseId)).data;
  const [kind, setKind] = useState<'call' | 'note'>('call');
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [text, setText] = useState('');
  const [override, setOverride] = useState({ on: false, reason: '' });
  // A note is the agency's own unless the agent shares it with the creditor (issue 19).
  const [shared, setShared] = useState(false);
  const problems = useFieldErrors<'outcome' | 'text' | 'override'>();
  const mutation = useLogActivity(caseId);
  const mayOverride = (user.role === 'manager' || user.role === 'admin') && check?.overridable === true;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (mutation.isPending) return;
    const next: typeof problems.errors = {};
    if (kind === 'call' && !outcome) next.outcome = t('case.outcomeRequired');
    if (!text.trim()) next.text = t('case.textRequired');
    const overriding = kind === 'call' && mayOverride && override.on;
    if (overriding && override.reason.trim().length < 5) next.override = t('contactRule.overrideReasonRequired');
    problems.setErrors(next);
    if (next.outcome || next.text || next.override) return;
    mutation.mutate(
      kind === 'call' && outcome
        ? {
            kind,
            text: text.trim(),
            callOutcome: outcome,
            ...(overriding ? { override: { window: true, cap: true, reason: override.reason.trim() } } : {}),
          }
        : { kind: 'note', text: text.trim(), sharedWithCreditor: shared },
      {
        onSuccess: (saved) => {
          setText('');
          setOutcome('');
          setOverride({ on: false, reason: '' });
          setShared(false);
          const warned = (saved.contactWarnings ?? []).map((reason) => describeGateReason(g, reason)).join(' · ');
          notifySaved(warned, { warnedTitle: t('contactRule.loggedWithWarning'), saved: t('case.activitySaved') });
        },
      },
    );
  }

  return {
    kind,
    outcome,
    text,
    override,
    shared,
    setShared,
    mayOverride,
    problems,
    mutation,
    submit,
    setKind,
    setOverride(value: { on: boolean; reason: string }) {
      setOverride(value);
      problems.clear('override');
    },
    setOutcome(value: CallOutcome | '') {
      setOutcome(value);
      problems.setErrors((current) => ({ ...current, outcome: undefined }));
    },
    setText(value: string) {
      setText(value);
      problems.clear('text');
    },
  };
}
