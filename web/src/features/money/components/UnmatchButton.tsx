import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { BankEntry } from '@relance/contracts/money';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useUnmatchEntry } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

/** Undoes a match: the payment is reversed by a reversing entry and the credit waits again; a reason is required. */
export function UnmatchButton({ entry }: { entry: BankEntry }) {
  const t = useT(moneyMessages);
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const unmatch = useUnmatchEntry();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    setTooShort(trimmed.length < 3);
    if (trimmed.length < 3) return;
    unmatch.mutate(
      { entryId: entry.id, reason: trimmed },
      {
        onSuccess: () => {
          close();
          setReason('');
          notifications.show({ color: 'teal', message: t('recon.unmatched') });
        },
      },
    );
  }

  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red" miw="max-content" onClick={open} data-testid="entry-unmatch">
        {t('recon.undo')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('recon.undoTitle')} centered>
        <form onSubmit={submit} noValidate data-testid="unmatch-form">
          <Stack gap="sm">
            <Text size="sm">
              {t('recon.undoText', {
                amount: formatMoney(entry.amountCents, entry.currency, t.locale),
                reference: entry.caseReference ?? '—',
              })}
            </Text>
            <Textarea
              label={t('recon.reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={tooShort ? t('recon.reasonRequired') : undefined}
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
              data-testid="unmatch-reason"
            />
            {unmatch.isError && <ErrorState error={unmatch.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={unmatch.isPending} data-testid="unmatch-submit">
                {t('recon.undoConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
