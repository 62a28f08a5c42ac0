import { Group, Paper, Stack } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { invoicesOptions } from '../api/money.ts';
import { InvoicesTable } from '../components/InvoicesTable.tsx';
import { moneyMessages } from '../messages.ts';

/** The agency's commission invoices (CGI 242 nonies A numbering), filtered by creditor in the URL. */
export function InvoicesPage() {
  const t = useT(moneyMessages);
  const { params, setParam } = useUrlFilters();
  const creditorId = params.get('creditorId') ?? '';
  const query = useInfiniteQuery(invoicesOptions({ creditorId }));
  return (
    <Stack gap="md">
      <Group>
        <CreditorSelect label={t('common.creditor')} value={creditorId} onChange={(value) => setParam('creditorId', value)} allowAll testId="invoices-creditor" />
      </Group>
      <Paper p="md">
        <InvoicesTable query={query} showCreditor />
      </Paper>
    </Stack>
  );
}
