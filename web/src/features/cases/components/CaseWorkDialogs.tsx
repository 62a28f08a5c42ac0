import { Alert, Anchor, Button, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseDetail } from '@relance/contracts/cases';
import { canTransition } from '@relance/domain/case-status';
import { type FormEvent, useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { todayInParis } from '../../../shared/dates.ts';
import { describeGateReason, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { ApiError } from '../../../shared/http.ts';
import { formatDateTime, type MessageKey, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import {
  useAddContact,
  useChangeStatus,
  useFlagVulnerable,
  useLiftVulnerability,
  useOpenDispute,
  useResolveDispute,
  useScheduleCallback,
} from '../api/case-work.ts';
import { casesMessages } from '../messages.ts';
import { type CaseOutcomeChoice, OutcomeSelect, ReasonField } from './StatusFields.tsx';

export type CaseDialog = 'status' | 'callback' | 'contact' | 'dispute' | 'resolveDispute' | 'vulnerable' | 'liftVulnerable';

// Legal and bailiff are reached only through a legal action proposed and approved in the
// "Procédure" panel (the API answers 409 escalation_through_legal_action otherwise).
const manualStatuses = ['amicable', 'closed'] as const;

/** The error of a refused action, with the move named when the state machine refused it. */
function ActionError({ error }: { error: unknown }) {
  const t = useT(casesMessages, staffMessages);
  const details = error instanceof ApiError ? (error.details as { from?: string; to?: string } | undefined) : undefined;
  return (
    <Stack gap={4} data-testid="action-error">
      <ErrorState error={error} />
      {error instanceof ApiError && error.code === 'forbidden_transition' && details?.from && details.to && (
        <Text size="sm" c="red.8" data-testid="forbidden-move">
          {t('caseWork.forbiddenMove', {
            from: t.dyn(`status.${details.from}`, details.from),
            to: t.dyn(`status.${details.to}`, details.to),
          })}
        </Text>
      )}
    </Stack>
  );
}

function Footer({ onClose, loading, testId, label }: { onClose: () => void; loading: boolean; testId: string; label?: string }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} data-testid={testId}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}

function StatusForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  const mutation = useChangeStatus(detail.id);
  // Only the moves packages/domain's transition table allows from where the case is.
  const allowed = manualStatuses.filter((value) => canTransition(detail.status, value));
  const [status, setStatus] = useState<(typeof manualStatuses)[number]>(allowed[0] ?? 'closed');
  const [outcome, setOutcome] = useState<CaseOutcomeChoice | ''>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (allowed.length === 0 || reason.trim().length < 3 || (status === 'closed' && !outcome)) return;
    mutation.mutate(
      { status, reason: reason.trim(), ...(status === 'closed' && outcome ? { outcome } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('caseWork.statusChanged') });
          onClose();
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="status-form">
      <Stack gap="sm">
        <Text size="sm">
          {t('caseWork.currentStatus')} <strong>{t.dyn(`status.${detail.status}`, detail.status)}</strong>
        </Text>
        {allowed.length === 0 ? (
          <Alert color="gray" data-testid="status-no-move">
            {t('caseWork.noManualMove')}
          </Alert>
        ) : (
          <NativeSelect
            label={t('caseWork.newStatus')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as (typeof manualStatuses)[number])}
            data={allowed.map((value) => ({ value, label: t.dyn(`status.${value}`, value) }))}
            data-testid="status-select"
          />
        )}
        {status === 'closed' && <OutcomeSelect value={outcome} onChange={setOutcome} showError={touched} testId="status-outcome" />}
        <ReasonField value={reason} onChange={setReason} showError={touched} description={t('caseWork.reasonHelp')} testId="status-reason" autoFocus />
        <Text size="xs" c="dimmed">
          {t('caseWork.statusHelp')}
        </Text>
        <Text size="xs" c="dimmed" data-testid="status-legal-hint">
          {t('caseWork.statusLegalHint')}{' '}
          <Anchor href="#procedure" size="xs" onClick={onClose} data-testid="status-legal-link">
            {t('caseWork.statusLegalLink')}
          </Anchor>
        </Text>
        {mutation.isError && <ActionError error={mutation.error} />}
        <Footer onClose={onClose} loading={mutation.isPending} testId="status-submit" />
      </Stack>
    </form>
  );
}

function CallbackForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  const g = useT(gateReasonMessages);
  const mutation = useScheduleCallback(detail.id);
  const [date, setDate] = useState(todayInParis());
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!date || !/^\d{2}:\d{2}$/.test(time)) return;
    mutation.mutate(
      { date, time, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (result) => {
          notifications.show({
            color: result.warnings.length > 0 ? 'yellow' : 'teal',
            title: t('caseWork.callbackScheduled', { at: formatDateTime(result.callbackDueAt, t.locale) }),
            message: result.warnings.length > 0 ? result.warnings.map((reason) => describeGateReason(g, reason)).join(' · ') : t('caseWork.callbackQueue'),
          });
          onClose();
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="callback-form">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <DateField label={t('caseWork.callbackDate')} value={date} onChange={(event) => setDate(event.currentTarget.value)} required data-testid="callback-date" />
          <TextInput
            type="time"
            label={t('caseWork.callbackTime')}
            value={time}
            onChange={(event) => setTime(event.currentTarget.value)}
            required
            error={touched && !/^\d{2}:\d{2}$/.test(time) ? t('common.required') : null}
            data-testid="callback-time"
            data-autofocus
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('caseWork.callbackHelp')}
        </Text>
        <Textarea label={t('case.note')} autosize minRows={1} maxLength={1000} value={note} onChange={(event) => setNote(event.currentTarget.value)} data-testid="callback-note" />
        {mutation.isError && <ActionError error={mutation.error} />}
        <Footer onClose={onClose} loading={mutation.isPending} testId="callback-submit" />
      </Stack>
    </form>
  );
}

function ContactForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  const mutation = useAddContact(detail.id);
  const [kind, setKind] = useState<'phone' | 'email' | 'address'>('phone');
  const [value, setValue] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [city, setCity] = useState('');
  const [touched, setTouched] = useState(false);
  const complete = value.trim() !== '' && (kind !== 'address' || (postalCode.trim() !== '' && city.trim() !== ''));
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!complete) return;
    const body =
      kind === 'phone'
        ? { kind, phone: value.trim() }
        : kind === 'email'
          ? { kind, email: value.trim() }
          : { kind, line1: value.trim(), postalCode: postalCode.trim(), city: city.trim(), country: 'FR' };
    mutation.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('caseWork.contactAdded') });
        onClose();
      },
    });
  }
  return (
    <form onSubmit={submit} noValidate data-testid="contact-form">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(next) => setKind(next as typeof kind)}
          data={[
            { value: 'phone', label: t('caseWork.contactPhone') },
            { value: 'email', label: t('caseWork.contactEmail') },
            { value: 'address', label: t('caseWork.contactAddress') },
          ]}
          data-testid="contact-kind"
        />
        <TextInput
          label={kind === 'phone' ? t('caseWork.contactPhone') : kind === 'email' ? t('caseWork.contactEmail') : t('creditors.line1')}
          description={kind === 'phone' ? t('caseWork.phoneHelp') : undefined}
          type={kind === 'email' ? 'email' : 'text'}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={touched && !value.trim() ? t('common.required') : null}
          data-testid="contact-value"
          data-autofocus
        />
        {kind === 'address' && (
          <SimpleGrid cols={2}>
            <TextInput label={t('creditors.postalCode')} value={postalCode} onChange={(event) => setPostalCode(event.currentTarget.value)} data-testid="contact-postal-code" />
            <TextInput label={t('creditors.city')} value={city} onChange={(event) => setCity(event.currentTarget.value)} data-testid="contact-city" />
          </SimpleGrid>
        )}
        {mutation.isError && <ActionError error={mutation.error} />}
        <Footer onClose={onClose} loading={mutation.isPending} testId="contact-submit" />
      </Stack>
    </form>
  );
}

type NoteAction = 'dispute' | 'vulnerable' | 'liftVulnerable';
type CaseWorkKey = MessageKey<typeof casesMessages>;

/** The actions that need only a text: their field, help, button and confirmation. */
const noteActions: Record<NoteAction, { label: CaseWorkKey; help: CaseWorkKey; submit: CaseWorkKey; testId: string; color: string; done: CaseWorkKey }> = {
  dispute: {
    label: 'caseWork.disputeReason',
    help: 'caseWork.disputeHelp',
    submit: 'caseWork.flagDispute',
    testId: 'dispute',
    color: 'orange',
    done: 'caseWork.disputeOpened',
  },
  vulnerable: {
    label: 'caseWork.vulnerableNote',
    help: 'caseWork.vulnerableHelp',
    submit: 'caseWork.flagVulnerable',
    testId: 'vulnerable',
    color: 'pink',
    done: 'caseWork.vulnerableFlagged',
  },
  liftVulnerable: {
    label: 'caseWork.liftNote',
    help: 'caseWork.liftHelp',
    submit: 'caseWork.liftVulnerable',
    testId: 'lift-vulnerable',
    color: 'teal',
    done: 'caseWork.vulnerableLifted',
  },
};

/** A text the action needs (a reason, a note); sent once valid, then a confirmation and the dialog closes. */
function NoteForm<TBody>({
  action,
  warning,
  bodyOf,
  mutation,
  onClose,
}: {
  action: NoteAction;
  warning?: string | undefined;
  bodyOf: (text: string) => TBody;
  mutation: { isPending: boolean; isError: boolean; error: unknown; mutate: (body: TBody, options: { onSuccess: () => void }) => void };
  onClose: () => void;
}) {
  const t = useT(casesMessages, staffMessages);
  const { testId, ...texts } = noteActions[action];
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (text.trim().length < 3) return;
    mutation.mutate(bodyOf(text.trim()), {
      onSuccess: () => {
        notifications.show({ color: texts.color, message: t(texts.done) });
        onClose();
      },
    });
  }
  return (
    <form onSubmit={submit} noValidate data-testid={`${testId}-form`}>
      <Stack gap="sm">
        {warning && (
          <Alert color="orange" variant="light">
            {warning}
          </Alert>
        )}
        <Textarea
          label={t(texts.label)}
          description={t(texts.help)}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={touched && text.trim().length < 3 ? t('caseWork.reasonRequired') : null}
          data-testid={`${testId}-text`}
          data-autofocus
        />
        {mutation.isError && <ActionError error={mutation.error} />}
        <Footer onClose={onClose} loading={mutation.isPending} testId={`${testId}-submit`} label={t(texts.submit)} />
      </Stack>
    </form>
  );
}

function DisputeForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  return <NoteForm action="dispute" mutation={useOpenDispute(detail.id)} bodyOf={(reason) => ({ reason })} onClose={onClose} />;
}

function ResolveDisputeForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  const mutation = useResolveDispute(detail.id);
  const [resolution, setResolution] = useState<'upheld' | 'rejected' | 'settled'>('rejected');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const dispute = detail.dispute;
  if (!dispute) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (note.trim().length < 3 || !dispute) return;
    mutation.mutate(
      { disputeId: dispute.id, resolution, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('caseWork.disputeResolved') });
          onClose();
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="resolve-dispute-form">
      <Stack gap="sm">
        <Text size="sm">
          <strong>{t('caseWork.disputeReason')} :</strong> {dispute.reason}
        </Text>
        <SegmentedControl
          value={resolution}
          onChange={(next) => setResolution(next as typeof resolution)}
          data={(['rejected', 'settled', 'upheld'] as const).map((value) => ({ value, label: t.dyn(`caseWork.resolution.${value}`, value) }))}
          data-testid="dispute-resolution"
        />
        <Text size="xs" c="dimmed">
          {t.dyn(`caseWork.resolutionHelp.${resolution}`, '')}
        </Text>
        <Textarea
          label={t('caseWork.resolutionNote')}
          required
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={touched && note.trim().length < 3 ? t('caseWork.reasonRequired') : null}
          data-testid="dispute-resolution-note"
          data-autofocus
        />
        {mutation.isError && <ActionError error={mutation.error} />}
        <Footer onClose={onClose} loading={mutation.isPending} testId="resolve-dispute-submit" label={t('caseWork.resolveDispute')} />
      </Stack>
    </form>
  );
}

function VulnerableForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  return <NoteForm action="vulnerable" mutation={useFlagVulnerable(detail.id)} bodyOf={(note) => ({ note })} onClose={onClose} />;
}

function LiftVulnerableForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  return <NoteForm action="liftVulnerable" warning={detail.vulnerability?.note ?? undefined} mutation={useLiftVulnerability(detail.id)} bodyOf={(note) => ({ note })} onClose={onClose} />;
}

const titles: Record<CaseDialog, MessageKey<typeof casesMessages>> = {
  status: 'caseWork.changeStatus',
  callback: 'caseWork.scheduleCallback',
  contact: 'caseWork.addContact',
  dispute: 'caseWork.flagDispute',
  resolveDispute: 'caseWork.resolveDispute',
  vulnerable: 'caseWork.flagVulnerable',
  liftVulnerable: 'caseWork.liftVulnerable',
};

/** One modal for the case's actions; the form inside is chosen by `dialog` (null = closed). */
export function CaseWorkDialog({ detail, dialog, onClose }: { detail: CaseDetail; dialog: CaseDialog | null; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog ? t(titles[dialog]) : ''} size="md" data-testid="case-work-dialog">
      {dialog === 'status' && <StatusForm detail={detail} onClose={onClose} />}
      {dialog === 'callback' && <CallbackForm detail={detail} onClose={onClose} />}
      {dialog === 'contact' && <ContactForm detail={detail} onClose={onClose} />}
      {dialog === 'dispute' && <DisputeForm detail={detail} onClose={onClose} />}
      {dialog === 'resolveDispute' && <ResolveDisputeForm detail={detail} onClose={onClose} />}
      {dialog === 'vulnerable' && <VulnerableForm detail={detail} onClose={onClose} />}
      {dialog === 'liftVulnerable' && <LiftVulnerableForm detail={detail} onClose={onClose} />}
    </Modal>
  );
}
