import { Table, Text } from '@mantine/core';
import type { CostEstimateDto } from '@relance/contracts/legal-actions';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { legalMessages } from '../messages.ts';

/** The estimated costs of the step, line by line with their basis, and their total (the creditor's to bear). */
export function CostEstimateTable({ estimate, currency = 'EUR' }: { estimate: CostEstimateDto; currency?: string }) {
  const t = useT(legalMessages);
  if (estimate.lines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('legal.noCosts')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} fz="sm" aria-label={t('legal.estimatedCosts')} data-testid="legal-cost-estimate">
      <Table.Tbody>
        {estimate.lines.map((line) => (
          <Table.Tr key={line.item} data-testid="legal-cost-line">
            <Table.Td>
              {line.label}
              <Text size="xs" c="dimmed">
                {line.basis}
              </Text>
            </Table.Td>
            <Table.Td className="num">{formatMoney(line.amountCents, currency, t.locale)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={700}>{t('legal.total')}</Table.Td>
          <Table.Td className="num" fw={700} data-testid="legal-cost-total">
            {formatMoney(estimate.totalCents, currency, t.locale)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
