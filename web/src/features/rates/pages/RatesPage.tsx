import { Alert, Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { LegalRate, RateTableDto } from '@relance/contracts/statements';
import { formatBasisPoints } from '@relance/domain/money';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatInstantDate, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { ratesOptions } from '../api/rates.ts';
import { RateForm } from '../components/RateForm.tsx';
import { ratesMessages } from '../messages.ts';

/** The rate table the décompte reads: admins add each half-year's published rates; others may look. */
export function RatesPage() {
  const t = useT(ratesMessages);
  const user = useUser();
  const query = useQuery(ratesOptions());
  const isAdmin = user.role === 'admin';

  return (
    <Stack gap="md">
      <PageHeader title={t('rates.title')} subtitle={t('rates.subtitle')} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <RatesView table={query.data} isAdmin={isAdmin} />
      )}
    </Stack>
  );
}

function RatesView({ table, isAdmin }: { table: RateTableDto; isAdmin: boolean }) {
  const t = useT(ratesMessages);
  // The décompte's "add the rates" link names the half-year it lacks.
  const [search] = useSearchParams();
  const asked = search.get('halfYear') ?? '';
  const defaultHalfYear = /^\d{4}-H[12]$/.test(asked) ? asked : (table.missing[0] ?? nextHalfYear(table.currentHalfYear));
  const newestFirst = [...table.items].reverse();

  return (
    <Stack gap="md">
      {table.missing.length > 0 && (
        <Alert color="red" variant="filled" title={t('rates.missingTitle')} data-testid="rates-missing">
          <Stack gap={6}>
            <Text size="sm">{t('rates.missingText')}</Text>
            <Group gap={6}>
              {table.missing.map((halfYear) => (
                <Badge key={halfYear} color="white" c="red.8" variant="filled" data-testid="rates-missing-half-year">
                  {halfYearLabel(t, halfYear)} ({halfYear})
                </Badge>
              ))}
            </Group>
            <Text size="sm" fw={600}>
              {isAdmin ? t('rates.missingAdmin') : t('rates.missingAskAdmin')}
            </Text>
          </Stack>
        </Alert>
      )}

      {isAdmin && <RateForm defaultHalfYear={defaultHalfYear} />}

      <Paper p="md">
        {newestFirst.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('rates.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped="even" highlightOnHover data-testid="rates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rates.halfYear')}</Table.Th>
                  <Table.Th className="num">{t('rates.ecb')}</Table.Th>
                  <Table.Th className="num">{t('rates.penalty')}</Table.Th>
                  <Table.Th className="num">{t('rates.legalPrivate')}</Table.Th>
                  <Table.Th className="num">{t('rates.legalOther')}</Table.Th>
                  <Table.Th>{t('rates.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {newestFirst.map((rate) => (
                  <RateRow key={rate.halfYear} rate={rate} current={rate.halfYear === table.currentHalfYear} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

function RateRow({ rate, current }: { rate: LegalRate; current: boolean }) {
  const t = useT(ratesMessages);
  const percent = (basisPoints: number) => formatBasisPoints(basisPoints, t.locale);
  return (
    <Table.Tr data-testid="rate-row" data-half-year={rate.halfYear} fw={current ? 600 : undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap', paddingRight: 24 }}>
        <Group gap={8} wrap="nowrap">
          <Code style={{ flexShrink: 0 }} title={halfYearLabel(t, rate.halfYear)}>
            {rate.halfYear}
          </Code>
          {current && (
            <Badge size="xs" variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
              {t('rates.current')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td className="num">{percent(rate.ecbBasisPoints)}</Table.Td>
      <Table.Td className="num">{percent(rate.defaultPenaltyBasisPoints)}</Table.Td>
      <Table.Td className="num">{percent(rate.legalPrivateIndividualBasisPoints)}</Table.Td>
      <Table.Td className="num">{percent(rate.legalOtherBasisPoints)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {rate.source === 'added' ? (
          <Text size="sm" c="teal.9" fw={600}>
            {rate.addedAt ? t('rates.addedOn', { date: formatInstantDate(rate.addedAt, t.locale) }) : t('rates.source.added')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('rates.source.built_in')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function halfYearLabel(t: Translate<MessageKey<typeof ratesMessages>>, halfYear: string): string {
  const match = /^(\d{4})-H([12])$/.exec(halfYear);
  if (!match) return halfYear;
  return t(match[2] === '1' ? 'rates.h1' : 'rates.h2', { year: match[1] ?? '' });
}

function nextHalfYear(halfYear: string): string {
  const match = /^(\d{4})-H([12])$/.exec(halfYear);
  if (!match) return halfYear;
  const year = Number(match[1]);
  return match[2] === '1' ? `${year}-H2` : `${year + 1}-H1`;
}
