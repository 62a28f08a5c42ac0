import { Alert, Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import type { MonthlyReport } from '@relance/contracts/reports';
import { previousMonth, reportMonthLabel } from '@relance/domain/report-month';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { reportKeys } from '../../../shared/query-keys.ts';
import { downloadFile } from '../../../shared/session.ts';
import { monthlyReportOptions, monthlyReportsOptions, useMonthlyReportEmail, useRequestMonthlyReport } from '../api/reports.ts';
import { reportsMessages } from '../messages.ts';
import { todayInParis } from './kpi-period.ts';

const statusColours: Record<MonthlyReport['status'], string> = { queued: 'blue', ready: 'teal', failed: 'red' };

/** The twelve finished months, newest first. */
function finishedMonths(today: string): string[] {
  const months = [previousMonth(today)];
  while (months.length < 12) months.push(previousMonth(`${months[months.length - 1]}-01`));
  return months;
}

function DownloadButton({ report, testId }: { report: MonthlyReport; testId: string }) {
  const t = useT(reportsMessages);
  if (!report.pdfUrl) return null;
  const url = report.pdfUrl;
  return (
    <Button size="xs" variant="light" onClick={() => void downloadFile(url, `rapport-${report.month}.pdf`)} data-testid={testId}>
      {t('monthly.download')}
    </Button>
  );
}

/** What became of the report just asked for: in progress (polled), failed, or ready to download. */
function RequestedReport({ id }: { id: string }) {
  const t = useT(reportsMessages);
  const query = useQuery(monthlyReportOptions(id));
  const queryClient = useQueryClient();
  const status = query.data?.status;
  // Once printed (or failed), the list of past reports says so too.
  useEffect(() => {
    if (status && status !== 'queued') void queryClient.invalidateQueries({ queryKey: reportKeys.monthlyReportsAll });
  }, [status, queryClient]);
  if (!query.data) return query.isError ? <ErrorState error={query.error} /> : null;
  const report = query.data;
  if (report.status === 'queued') return <Text size="sm" data-testid="monthly-progress">{t('monthly.queued')}</Text>;
  if (report.status === 'failed') return <Alert color="red">{t('monthly.failed', { error: report.error ?? '' })}</Alert>;
  return <DownloadButton report={report} testId="monthly-download" />;
}

function PastReports({ items }: { items: readonly MonthlyReport[] }) {
  const t = useT(reportsMessages);
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('monthly.none')}</Text>;
  return (
    <Table data-testid="monthly-reports">
      <Table.Tbody>
        {items.map((report) => (
          <Table.Tr key={report.id}>
            <Table.Td>{reportMonthLabel(report.month, t.locale)}</Table.Td>
            <Table.Td>
              <Badge color={statusColours[report.status]} variant="light">
                {t.dyn(`monthly.status.${report.status}`, report.status)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">
              <DownloadButton report={report} testId={`monthly-download-${report.month}`} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The dashboard's "Rapport mensuel" card: pick a finished month, generate, download; past reports; the e-mail choice. */
export function MonthlyReportCard({ creditorId }: { creditorId: string }) {
  const t = useT(reportsMessages);
  const months = finishedMonths(todayInParis());
  const [month, setMonth] = useState<string>(months[0] ?? '');
  const [requested, setRequested] = useState<string | null>(null);
  const list = useQuery(monthlyReportsOptions(creditorId));
  const generate = useRequestMonthlyReport();
  const email = useMonthlyReportEmail();
  const submit = () => generate.mutate({ month, ...(creditorId ? { creditorId } : {}) }, { onSuccess: (report) => setRequested(report.id) });
  return (
    <Paper p="md" data-testid="monthly-report-card">
      <Stack gap="sm">
        <Title order={4}>{t('monthly.title')}</Title>
        <Group align="end" wrap="wrap">
          <Select
            label={t('monthly.month')}
            data={months.map((value) => ({ value, label: reportMonthLabel(value, t.locale) }))}
            value={month}
            onChange={(value) => value && setMonth(value)}
            allowDeselect={false}
            w={220}
            data-testid="monthly-month"
          />
          <Button onClick={submit} loading={generate.isPending} data-testid="monthly-generate">
            {t('monthly.generate')}
          </Button>
          {requested && <RequestedReport id={requested} />}
        </Group>
        {generate.isError && <ErrorState error={generate.error} />}
        <Title order={5}>{t('monthly.past')}</Title>
        {list.isPending ? <LoadingState /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : <PastReports items={list.data.items} />}
        {list.data && list.data.emailOptIn !== null && (
          <Switch
            label={t('monthly.emailOptIn')}
            checked={email.isPending ? Boolean(email.variables) : list.data.emailOptIn}
            onChange={(event) => email.mutate(event.currentTarget.checked)}
            data-testid="monthly-email-opt-in"
          />
        )}
      </Stack>
    </Paper>
  );
}
