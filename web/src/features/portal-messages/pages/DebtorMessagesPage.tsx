import { Anchor, Button, Drawer, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { StaffPortalMessage } from '@relance/contracts/portal-talk';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { TableHead } from '../../../shared/components/TableHead.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUrlFilters } from '../../../shared/useUrlFilters.ts';
import { type InboxStatus, inboxOptions } from '../api/portal-messages.ts';
import { MessageState } from '../components/MessageState.tsx';
import { ThreadPanel } from '../components/ThreadPanel.tsx';
import { TopicBadge, TopicFlag } from '../components/TopicBadge.tsx';
import { portalMessagesInboxMessages } from '../messages.ts';

/**
 * "Messages des débiteurs": the team inbox of what debtors write from their page (unanswered by
 * default, or all), each with its case, topic, first words and state; a row opens the case's
 * conversation with the reply box. The filter and the open conversation live in the URL.
 */
export function DebtorMessagesPage() {
  const t = useT(portalMessagesInboxMessages);
  const { params, setParam } = useUrlFilters();
  const status: InboxStatus = params.get('status') === 'all' ? 'all' : 'unanswered';
  const openCase = params.get('case');
  const query = useInfiniteQuery(inboxOptions(status));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        actions={
          <SegmentedControl
            aria-label={t('inbox.filter')}
            value={status}
            onChange={(value) => setParam('status', value === 'all' ? 'all' : '')}
            data={[
              { value: 'unanswered', label: t('inbox.filter.unanswered') },
              { value: 'all', label: t('inbox.filter.all') },
            ]}
            data-testid="debtor-messages-filter"
          />
        }
      />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Paper>
          <EmptyBlock title={status === 'all' ? t('inbox.emptyAll') : t('inbox.empty')}>{t('inbox.emptyHelp')}</EmptyBlock>
        </Paper>
      ) : (
        <Stack gap="sm">
          <InboxTable items={items} onOpen={(caseId) => setParam('case', caseId)} />
          {query.hasNextPage && (
            <Group justify="center">
              <Button variant="light" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <Drawer
        opened={openCase !== null}
        onClose={() => setParam('case', '')}
        position="right"
        size="lg"
        title={t('inbox.title')}
      >
        {openCase && <ThreadPanel caseId={openCase} />}
      </Drawer>
    </>
  );
}

function InboxTable({ items, onOpen }: { items: StaffPortalMessage[]; onOpen: (caseId: string) => void }) {
  const t = useT(portalMessagesInboxMessages);
  return (
    <Paper>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="debtor-messages-list">
          <TableHead columns={[t('inbox.col.received'), t('inbox.col.case'), t('inbox.col.topic'), t('inbox.col.message'), t('inbox.col.state'), '']} />
          <Table.Tbody>
            {items.map((message) => (
              <Table.Tr key={message.id} data-testid="debtor-message-row" data-case-id={message.caseId}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(message.createdAt, t.locale)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${message.caseId}`} ff="monospace" size="sm" data-testid="debtor-message-case">
                    {message.caseReference}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {message.debtorName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <TopicBadge topic={message.topic} />
                    <TopicFlag topic={message.topic} />
                  </Stack>
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }} data-testid="debtor-message-excerpt">
                    {message.body}
                  </Text>
                  {message.attachment && (
                    <Text size="xs" c="dimmed">
                      📎 {t('inbox.hasFile')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={130} style={{ whiteSpace: 'nowrap' }}>
                  <MessageState message={message} />
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => onOpen(message.caseId)} data-testid="debtor-message-open">
                    {t('inbox.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
