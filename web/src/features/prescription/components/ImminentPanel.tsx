import { Anchor, Badge, List, Table, Text } from '@mantine/core';
import type { ImminentPrescription } from '@relance/contracts/prescription';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { imminentOptions } from '../api/prescription.ts';
import { prescriptionMessages } from '../messages.ts';
import { ListPanel } from './ListPanel.tsx';

/** Claims that prescribe within 90 days, nearest first, with what would interrupt each. */
export function ImminentPanel() {
  const t = useT(prescriptionMessages);
  const query = useInfiniteQuery(imminentOptions());
  return (
    <ListPanel
      title={t('imminent.title')}
      help={t('imminent.help')}
      testId="imminent-prescriptions"
      emptyTestId="imminent-empty"
      emptyText={t('imminent.empty')}
      query={query}
      headers={[t('col.case'), t('col.claim'), t('imminent.lastDay'), { label: t('imminent.owed'), numeric: true }, t('imminent.toDo')]}
      minWidth={860}
    >
      {(items) => items.map((item) => <ImminentRow key={`${item.caseId}:${item.claimRef}`} item={item} />)}
    </ListPanel>
  );
}

function ImminentRow({ item }: { item: ImminentPrescription }) {
  const t = useT(prescriptionMessages);
  return (
    <Table.Tr data-testid="imminent-row" data-case-id={item.caseId} data-claim-ref={item.claimRef}>
      <Table.Td valign="top">
        <Anchor component={Link} to={`/cases/${item.caseId}`} size="sm" ff="monospace">
          {item.reference}
        </Anchor>
        <Text size="sm">{item.debtorName}</Text>
        <Text size="xs" c="dimmed">
          {item.creditorName}
        </Text>
      </Table.Td>
      <Table.Td valign="top">
        <Text size="sm" ff="monospace">
          {item.claimRef}
        </Text>
        <Text size="xs" c="dimmed">
          {t.dyn(`nature.${item.nature}`, item.nature)} · {item.basis}
        </Text>
      </Table.Td>
      <Table.Td valign="top">
        <Text size="sm">{formatDate(item.prescriptionDate, t.locale)}</Text>
        <Badge color={item.daysLeft <= 30 ? 'red' : 'orange'} variant="light" size="sm" data-testid="imminent-days-left">
          {t('imminent.daysLeft', { days: item.daysLeft })}
        </Badge>
      </Table.Td>
      <Table.Td className="num" valign="top">
        {item.owedCents === null ? '—' : formatMoney(item.owedCents, item.currency, t.locale)}
      </Table.Td>
      <Table.Td valign="top">
        <List size="xs" spacing={2}>
          {item.actions.map(({ action, article }) => (
            <List.Item key={action}>
              {t(`action.${action}`)}{' '}
              <Text span size="xs" c="dimmed">
                ({article})
              </Text>
            </List.Item>
          ))}
        </List>
        {item.forclusion && (
          <Text size="xs" c="orange.9" mt={4}>
            {t('imminent.forclusion')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
