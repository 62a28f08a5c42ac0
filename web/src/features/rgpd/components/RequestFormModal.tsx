import { Alert, Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RgpdRequestChannel, RgpdRequestKind } from '@relance/contracts/rgpd';
import { useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ValidationDetails } from '../../../shared/components/states.tsx';
import { isBusinessDate, todayInParis } from '../../../shared/dates.ts';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useCreateRgpdRequest } from '../api/rgpd.ts';
import { rgpdMessages } from '../messages.ts';

const REQUEST_KINDS: readonly RgpdRequestKind[] = ['access', 'rectification', 'erasure'];
const REQUEST_CHANNELS: readonly RgpdRequestChannel[] = ['email', 'letter', 'phone', 'portal', 'in_person', 'via_creditor'];

interface RequestForm {
  kind: RgpdRequestKind;
  requesterName: string;
  channel: RgpdRequestChannel;
  receivedOn: string;
  details: string;
}
type RequestErrors = Partial<Record<keyof RequestForm, string>>;

/** Records a request: who asked, how, when (the one-month deadline runs from it) and what. */
export function RequestFormModal({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const create = useCreateRgpdRequest(caseId);
  const today = todayInParis();
  const blank: RequestForm = { kind: 'access', requesterName: '', channel: 'letter', receivedOn: today, details: '' };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<RequestErrors>({});

  function close() {
    setForm(blank);
    setErrors({});
    create.reset();
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!form.requesterName.trim()) next.requesterName = t('common.required');
    if (!form.details.trim()) next.details = t('common.required');
    if (!isBusinessDate(form.receivedOn)) next.receivedOn = t('common.required');
    else if (form.receivedOn > today) next.receivedOn = t('rgpd.form.notInFuture');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      { ...form, requesterName: form.requesterName.trim(), details: form.details.trim() },
      {
        onSuccess: (request) => {
          notifications.show({ color: 'teal', message: t('rgpd.form.saved', { date: formatDate(request.dueOn, t.locale) }), autoClose: 4000 });
          close();
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title={t('rgpd.form.title')} size="lg" data-testid="rgpd-request-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <RequestFields form={form} setForm={setForm} errors={errors} today={today} />
          {create.isError && (
            <Alert color="red">
              {errorMessage(create.error)}
              <ValidationDetails error={create.error} />
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="rgpd-form-submit">
              {t('rgpd.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RequestFields({
  form,
  setForm,
  errors,
  today,
}: {
  form: RequestForm;
  setForm: (next: RequestForm) => void;
  errors: RequestErrors;
  today: string;
}) {
  const t = useT(rgpdMessages, staffMessages);
  return (
    <>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('rgpd.form.kind')}
          value={form.kind}
          onChange={(event) => setForm({ ...form, kind: event.currentTarget.value as RgpdRequestKind })}
          data={REQUEST_KINDS.map((kind) => ({ value: kind, label: t.dyn(`rgpd.kind.${kind}`, kind) }))}
          data-testid="rgpd-form-kind"
        />
        <NativeSelect
          label={t('rgpd.form.channel')}
          value={form.channel}
          onChange={(event) => setForm({ ...form, channel: event.currentTarget.value as RgpdRequestChannel })}
          data={REQUEST_CHANNELS.map((channel) => ({ value: channel, label: t.dyn(`rgpd.channel.${channel}`, channel) }))}
          data-testid="rgpd-form-channel"
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('rgpd.form.requester')}
          description={t('rgpd.form.requesterHelp')}
          value={form.requesterName}
          maxLength={200}
          onChange={(event) => setForm({ ...form, requesterName: event.currentTarget.value })}
          error={errors.requesterName}
          required
          data-testid="rgpd-form-requester"
        />
        <DateField
          label={t('rgpd.form.receivedOn')}
          description={t('rgpd.form.receivedHelp')}
          value={form.receivedOn}
          max={today}
          onChange={(event) => setForm({ ...form, receivedOn: event.currentTarget.value })}
          error={errors.receivedOn}
          required
          data-testid="rgpd-form-received"
        />
      </Group>
      <Textarea
        label={t('rgpd.form.details')}
        autosize
        minRows={3}
        maxLength={4000}
        value={form.details}
        onChange={(event) => setForm({ ...form, details: event.currentTarget.value })}
        error={errors.details}
        required
        data-testid="rgpd-form-details"
      />
    </>
  );
}
