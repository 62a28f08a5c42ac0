import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Table, Text, } from '@mantine/core';
import type { RgpdRequest, RgpdRequestStatus } from '@relance/contracts/rgpd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { QueryTable } from '../../../shared/components/QueryTable.tsx';
import { EmptyBlock, } from '../../../shared/components/states.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { rgpdRequestsOptions, } from '../api/rgpd.ts';
import { DecisionModal } from '../components/DecisionModal.tsx';
import { RequestStatusBadge } from '../components/RequestStatusBadge.tsx';
import { rgpdMessages } from '../messages.ts';

const FILTERS = ['pending', 'done', 'refused', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** Managers' list of the debtors' RGPD requests: the pending ones first, the most urgent first (one month, art. 12(3)). */
export function RgpdRequestsPage() {
  const t = useT(rgpdMessages, staffMessages);
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('status') as Filter | null;
  const filter: Filter = requested && FILTERS.includes(requested) ? requested : 'pending';
  const query = useQuery(rgpdRequestsOptions(filter as RgpdRequestStatus | 'all'));
  const [open, setOpen] = useState<RgpdRequest | null>(null);

  return (
    <>
      <PageHeader
        title={t('rgpd.list.title')}
        subtitle={t('rgpd.list.subtitle')}
        actions={
          <SegmentedControl
            value={filter}
            onChange={(value) => setSearchParams({ status: value }, { replace: true })}
            data={FILTERS.map((value) => ({ value, label: t(`rgpd.filter.${value}`) }))}
            data-testid="rgpd-filter"
          />
        }
      />
      <Paper p="md">
        <QueryTable
          query={query}
          items={(data) => data.items}
          testId="rgpd-requests"
          minWidth={900}
          empty={<EmptyBlock title={t('rgpd.empty')}>{t('rgpd.emptyHelp')}</EmptyBlock>}
          headers={[
            t('rgpd.col.received'),
            t('rgpd.col.due'),
            t('rgpd.col.case'),
            t('rgpd.col.debtor'),
            t('rgpd.col.kind'),
            t('rgpd.col.requester'),
            t('rgpd.col.status'),
            '',
          ]}
        >
          {(items) =>
            items.map((request) => (
              <RequestRow key={request.id} request={request} onOpen={() => setOpen(request)} />
            ))
          }
        </QueryTable>
      </Paper>
      {open && <DecisionModal request={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function RequestRow({ request, onOpen }: { request: RgpdRequest; onOpen: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  return (
    <Table.Tr data-testid="rgpd-request-row">
      <Table.Td>{formatDate(request.receivedOn, t.locale)}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{formatDate(request.dueOn, t.locale)}</Text>
          {request.overdue && (
            <Badge color="red" variant="filled" size="sm" miw="max-content">
              {t('rgpd.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${request.caseId}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
          {request.caseReference}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{request.debtorName}</Text>
        <Text size="xs" c="dimmed">
          {request.creditorName}
        </Text>
      </Table.Td>
      <Table.Td>{t.dyn(`rgpd.kind.${request.kind}`, request.kind)}</Table.Td>
      <Table.Td>
        <Text size="sm">{request.requesterName}</Text>
        <Text size="xs" c="dimmed">
          {t.dyn(`rgpd.channel.${request.channel}`, request.channel)}
        </Text>
      </Table.Td>
      <Table.Td>
        <RequestStatusBadge request={request} />
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant={request.status === 'pending' ? 'filled' : 'subtle'} onClick={onOpen} data-testid="rgpd-open">
          {request.status === 'pending' ? t('rgpd.decide') : t('rgpd.view')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
