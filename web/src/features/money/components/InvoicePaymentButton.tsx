import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { CommissionInvoice } from '@relance/contracts/money';
import { formatHundredths, parseHundredths } from '@relance/domain/money';
import { type FormEvent, useState } from 'react';
import { AmountDateFields } from '../../../shared/components/AmountDateFields.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { todayInParis } from '../../../shared/dates.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useRecordInvoicePayment } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

/** Records the creditor's transfer that pays an invoice (to the agency's own account), prefilled with what it still owes. */
export function InvoicePaymentButton({ invoice }: { invoice: CommissionInvoice }) {
  const t = useT(moneyMessages);
  const [opened, { open, close }] = useDisclosure(false);
  const [amount, setAmount] = useState(() => formatHundredths(invoice.outstandingCents, t.locale));
  const [date, setDate] = useState(todayInParis());
  const [invalid, setInvalid] = useState(false);
  const record = useRecordInvoicePayment();

  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseHundredths(amount, '€');
    const wrong = cents === null || cents <= 0 || cents > invoice.outstandingCents;
    setInvalid(wrong);
    if (wrong || cents === null) return;
    record.mutate(
      { invoiceId: invoice.id, amountCents: cents, paidOn: date },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: 'teal', message: t('invoices.paymentRecorded', { number: invoice.number }) });
        },
      },
    );
  }

  return (
    <>
      <Button size="compact-xs" variant="light" miw="max-content" onClick={open} data-testid="invoice-record-payment">
        {t('invoices.recordPayment')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('invoices.recordPaymentTitle', { number: invoice.number })} centered>
        <form onSubmit={submit} noValidate data-testid="invoice-payment-form">
          <Stack gap="sm">
            <Text size="sm">{t('invoices.outstanding', { amount: formatMoney(invoice.outstandingCents, 'EUR', t.locale) })}</Text>
            <AmountDateFields
              amount={{
                label: t('invoices.amountPaid'),
                value: amount,
                onChange: setAmount,
                error: invalid ? t('invoices.amountInvalid') : undefined,
                testId: 'invoice-payment-amount',
                placeholder: '0,00',
                description: undefined,
              }}
              date={{ label: t('invoices.paidOn'), value: date, onChange: setDate, error: undefined, testId: 'invoice-payment-date', max: todayInParis() }}
            />
            {record.isError && <ErrorState error={record.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={record.isPending} data-testid="invoice-payment-submit">
                {t('invoices.recordPayment')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
