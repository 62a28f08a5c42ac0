import { Badge, Button, ColorSwatch, Group, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { creditorsListOptions } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

export function CreditorsListPage() {
  const t = useT(creditorsMessages, staffMessages);
  const navigate = useNavigate();
  const query = useQuery(creditorsListOptions());
  // The accountant reads the list (names, SIREN, mandates) but neither opens nor sets up a creditor.
  const canManage = useUser().role !== 'accountant';
  const open = (creditorId: string) => {
    if (canManage) navigate(`/creditors/${creditorId}`);
  };

  return (
    <>
      <PageHeader
        title={t('creditors.title')}
        actions={
          canManage ? (
            <Button component={Link} to="/creditors/new" data-testid="creditor-new">
              {t('creditors.new')}
            </Button>
          ) : null
        }
      />
      <Paper p={0} style={{ overflow: 'hidden' }}>
        <QueryTable
          query={query}
          items={(data) => data.items}
          empty={<EmptyBlock title={t('creditors.empty')} />}
          headers={[t('creditors.brand'), t('creditors.legalName'), t('creditors.kind'), t('creditors.siren'), t('creditors.mandate')]}
          minWidth={720}
          testId="creditors-table"
          tableProps={{ highlightOnHover: true }}
        >
          {(creditors) =>
            creditors.map((creditor) => (
              <Table.Tr
                key={creditor.id}
                className={canManage ? 'clickable-row' : undefined}
                tabIndex={canManage ? 0 : undefined}
                onClick={() => open(creditor.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') open(creditor.id);
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
            ))
          }
        </QueryTable>
      </Paper>
    </>
  );
}
