import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { DebtorRefund, RefundPaidByHandBody } from '@relance/contracts/money';
import { type FormEvent, useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { todayInParis } from '../../../shared/dates.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useRecordRefundByHand } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

const methods: RefundPaidByHandBody['method'][] = ['card_refund', 'cheque', 'transfer', 'cash'];

/** An overpayment with no IBAN to send it to: the accountant says when and how it was paid back. */
export function RefundByHandButton({ refund }: { refund: DebtorRefund }) {
  const t = useT(moneyMessages);
  const [opened, { open, close }] = useDisclosure(false);
  const [paidOn, setPaidOn] = useState(todayInParis());
  const [method, setMethod] = useState<RefundPaidByHandBody['method']>('cheque');
  const record = useRecordRefundByHand();

  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate(
      { refundId: refund.id, paidOn, method },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: 'teal', message: t('refund.recorded', { reference: refund.caseReference }) });
        },
      },
    );
  }

  return (
    <>
      <Button size="compact-xs" variant="light" miw="max-content" onClick={open} data-testid="refund-by-hand">
        {t('refund.byHand')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('refund.byHandTitle', { reference: refund.caseReference })} centered>
        <form onSubmit={submit} noValidate data-testid="refund-by-hand-form">
          <Stack gap="sm">
            <Text size="sm">{t('refund.byHandText', { amount: formatMoney(refund.amountCents, 'EUR', t.locale) })}</Text>
            <Select
              label={t('refund.method')}
              data={methods.map((value) => ({ value, label: t.dyn(`refund.method.${value}`, value) }))}
              value={method}
              onChange={(value) => value && setMethod(value as RefundPaidByHandBody['method'])}
              allowDeselect={false}
              data-testid="refund-method"
            />
            <DateField label={t('refund.paidOn')} value={paidOn} max={todayInParis()} onChange={(event) => setPaidOn(event.currentTarget.value)} data-testid="refund-paid-on" />
            {record.isError && <ErrorState error={record.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={record.isPending} data-testid="refund-by-hand-submit">
                {t('refund.byHandConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
