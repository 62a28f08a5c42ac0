import { Badge, Button, ColorSwatch, Group, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { creditorsListOptions } from '../api/creditors.ts';

export function CreditorsListPage() {
  const t = useT();
  const navigate = useNavigate();
  const query = useQuery(creditorsListOptions());
  const creditors = query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('creditors.title')}
        actions={
          <Button component={Link} to="/creditors/new" data-testid="creditor-new">
            {t('creditors.new')}
          </Button>
        }
      />
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </div>
        ) : creditors.length === 0 ? (
          <EmptyBlock title={t('creditors.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover striped="even" data-testid="creditors-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('creditors.brand')}</Table.Th>
                  <Table.Th>{t('creditors.legalName')}</Table.Th>
                  <Table.Th>{t('creditors.kind')}</Table.Th>
                  <Table.Th>{t('creditors.siren')}</Table.Th>
                  <Table.Th>{t('creditors.mandate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {creditors.map((creditor) => (
                  <Table.Tr
                    key={creditor.id}
                    className="clickable-row"
                    tabIndex={0}
                    onClick={() => navigate(`/creditors/${creditor.id}`)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') navigate(`/creditors/${creditor.id}`);
                    }}
                    data-testid="creditor-row"
                  >
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <ColorSwatch color={creditor.brand.primaryColor} size={14} />
                        <Text size="sm" fw={600}>
                          {creditor.brand.displayName}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{creditor.legalName}</Table.Td>
                    <Table.Td>{t.dyn(`creditors.kind.${creditor.kind}`, creditor.kind)}</Table.Td>
                    <Table.Td ff="monospace">{creditor.siren ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="light" color={creditor.mandate.isValid ? 'teal' : 'red'}>
                          {creditor.mandate.isValid ? t('creditors.mandateValid') : t('creditors.mandateInvalid')}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {creditor.mandate.reference} ·{' '}
                          {creditor.mandate.validUntil
                            ? t('creditors.validUntil', { date: formatDate(creditor.mandate.validUntil, t.locale) })
                            : t('creditors.openEnded')}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
