import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';

/** The invoices the case is made of. */
export function ClaimsCard({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  const prescriptions = new Map((detail.prescription?.claims ?? []).map((claim) => [claim.claimRef, claim]));
  return (
    <Paper p="md">
      <Title order={4} mb="sm">
        {t('case.claims')} ({detail.claims.length})
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table striped="even" data-testid="claims-table">
          <TableHead columns={[t('case.invoiceRef'), t('case.issueDate'), t('case.dueDate'), numeric(t('case.amount'))]} />
          <Table.Tbody>
            {detail.claims.map((claim) => (
              <Table.Tr key={claim.id} data-testid="claim-row">
                <Table.Td ff="monospace">
                  {claim.invoiceRef}
                  <ClaimPrescriptionBadge prescription={prescriptions.get(claim.invoiceRef)} />
                </Table.Td>
                <Table.Td>{formatDate(claim.issueDate, t.locale)}</Table.Td>
                <Table.Td>{formatDate(claim.dueDate, t.locale)}</Table.Td>
                <Table.Td className="num">{formatMoney(claim.amountCents, claim.currency, t.locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

type ClaimPrescription = NonNullable<CaseDetail['prescription']>['claims'][number];

/** A prescribed claim (never demanded), or one that prescribes within 90 days; nothing otherwise. */
function ClaimPrescriptionBadge({ prescription }: { prescription: ClaimPrescription | undefined }) {
  const t = useT(casesMessages);
  if (!prescription || (!prescription.prescribed && !prescription.withinWarning)) return null;
  const date = formatDate(prescription.date, t.locale);
  return (
    <Badge
      size="xs"
      ml={6}
      color={prescription.prescribed ? 'gray' : 'orange'}
      variant={prescription.prescribed ? 'filled' : 'light'}
      title={prescription.basis}
      data-testid="claim-prescription"
      data-prescribed={prescription.prescribed}
      styles={{ label: { textTransform: 'none', fontFamily: 'var(--mantine-font-family)' } }}
    >
      {prescription.prescribed ? t('case.claimPrescribed', { date }) : t('case.claimPrescribesOn', { date })}
    </Badge>
  );
}

/** The payments received, and the refund owed to the debtor after an overpayment. */
export function PaymentsCard({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  const money = (cents: number) => formatMoney(cents, detail.currency, t.locale);
  return (
    <Paper p="md">
      <Title order={4} mb="sm">
        {t('case.payments')}
      </Title>
      {detail.refundDueCents !== null && detail.refundDueCents > 0 && (
        <Text size="sm" c="orange.8" fw={600} mb="xs" data-testid="refund-due">
          {t('case.refundDue', { amount: money(detail.refundDueCents) })}
        </Text>
      )}
      {detail.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('case.noPayments')}
        </Text>
      ) : (
        <Table striped="even" data-testid="payments-table">
          <TableHead columns={[t('case.receivedOn'), t('case.method'), t('case.providerRef'), numeric(t('case.amount'))]} />
          <Table.Tbody>
            {detail.payments.map((payment) => (
              <Table.Tr key={payment.id} data-testid="payment-row">
                <Table.Td>{formatDate(payment.receivedOn, t.locale)}</Table.Td>
                <Table.Td>{t.dyn(`method.${payment.method}`, payment.method)}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {payment.providerReference ?? '—'}
                </Table.Td>
                <Table.Td className="num">
                  {payment.overpayment && (
                    <Badge size="xs" color="orange" variant="light" mr={6} data-testid="payment-overpayment">
                      {t('case.overpaymentBadge')}
                    </Badge>
                  )}
                  {formatMoney(payment.amountCents, payment.currency, t.locale)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
