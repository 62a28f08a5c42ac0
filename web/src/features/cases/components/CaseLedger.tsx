import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';
import { ClaimNatureCell, ClaimPrescriptionCell } from './ClaimNature.tsx';

/** The invoices the case is made of, each with its nature and prescription date (staff may correct the nature). */
export function ClaimsCard({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const t = useT(casesMessages);
  const prescriptions = new Map((detail.prescription?.claims ?? []).map((claim) => [claim.claimRef, claim]));
  return (
    <Paper p="md">
      <Title order={4} mb="sm">
        {t('case.claims')} ({detail.claims.length})
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped="even" data-testid="claims-table">
          <TableHead columns={[t('case.invoiceRef'), t('case.dueDate'), t('case.nature'), t('case.prescription'), numeric(t('case.amount'))]} />
          <Table.Tbody>
            {detail.claims.map((claim) => (
              <Table.Tr key={claim.id} data-testid="claim-row">
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {claim.invoiceRef}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="claim-issue-date">
                    {t('case.issuedOn', { date: formatDate(claim.issueDate, t.locale) })}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDate(claim.dueDate, t.locale)}</Table.Td>
                <Table.Td>
                  <ClaimNatureCell caseId={detail.id} claim={claim} canEdit={canEdit} />
                </Table.Td>
                <Table.Td>
                  <ClaimPrescriptionCell claim={claim} soon={prescriptions.get(claim.invoiceRef)?.withinWarning === true} />
                </Table.Td>
                <Table.Td className="num">{formatMoney(claim.amountCents, claim.currency, t.locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
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
        <Text size="sm" c="orange.9" fw={600} mb="xs" data-testid="refund-due">
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
