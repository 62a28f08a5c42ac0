import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ClaimStanding, Statement, StatementLine, StatementWarning } from '@relance/contracts/statements';
import { formatBasisPoints } from '@relance/domain/money';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { numeric, TableHead } from '../../../shared/components/TableHead.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatDate, formatMoney, formatNumber, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';

type Line<K extends StatementLine['kind']> = Extract<StatementLine, { kind: K }>;

/**
 * The décompte, element by element (CPCE R124-4 3°): what the debtor owes is shown the way a
 * letter prints it, so an agent can read it out on the phone and a creditor can check it.
 */
export function StatementSection({
  query,
  asOf,
  onAsOfChange,
  canAddRates,
}: {
  query: UseQueryResult<Statement>;
  /** '' = today (the server's clock). */
  asOf: string;
  onAsOfChange: (asOf: string) => void;
  canAddRates: boolean;
}) {
  const t = useT(casesMessages);
  const shownDate = asOf || query.data?.asOf || '';

  return (
    <Paper p="md" data-testid="statement">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 260px' }}>
            <Title order={4}>{t('statement.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('statement.subtitle')}
            </Text>
          </Stack>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <DateField
              size="xs"
              label={t('statement.asOf')}
              value={shownDate}
              onChange={(event) => onAsOfChange(event.currentTarget.value)}
              data-testid="statement-as-of"
            />
            <Button size="xs" variant="default" disabled={!asOf} onClick={() => onAsOfChange('')} data-testid="statement-today">
              {t('statement.today')}
            </Button>
          </Group>
        </Group>

        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <StatementError error={query.error} canAddRates={canAddRates} onRetry={() => void query.refetch()} />
        ) : (
          <StatementBody statement={query.data} stale={query.isFetching} />
        )}
      </Stack>
    </Paper>
  );
}

function StatementError({ error, canAddRates, onRetry }: { error: unknown; canAddRates: boolean; onRetry: () => void }) {
  const t = useT(casesMessages);
  if (error instanceof ApiError && error.code === 'missing_rate') {
    const halfYear = (error.details as { halfYear?: unknown } | undefined)?.halfYear;
    return (
      <Alert color="orange" variant="light" title={t('statement.missingRateTitle')} data-testid="statement-missing-rate">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{error.message}</Text>
          {typeof halfYear === 'string' && (
            <Text size="sm" fw={600} data-testid="statement-missing-half-year">
              {t('statement.missingRateHalfYear', { halfYear })}
            </Text>
          )}
          {canAddRates && (
            <Button
              component={Link}
              to={typeof halfYear === 'string' ? `/rates?${new URLSearchParams({ halfYear })}` : '/rates'}
              size="xs"
              variant="white"
              color="orange"
              data-testid="statement-add-rates"
            >
              {t('statement.addRates')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}

type Format = { money: (cents: number) => string; date: (value: string) => string };

function StatementBody({ statement, stale }: { statement: Statement; stale: boolean }) {
  const t = useT(casesMessages);
  const format: Format = {
    money: (cents: number) => formatMoney(cents, statement.currency, t.locale),
    date: (value: string) => formatDate(value, t.locale),
  };
  const principal = statement.lines.filter((line): line is Line<'principal'> => line.kind === 'principal');
  const interest = statement.lines.filter((line): line is Line<'interest'> => line.kind === 'interest');
  const indemnity = statement.lines.filter((line): line is Line<'indemnity'> => line.kind === 'indemnity');
  const payments = statement.lines.filter((line): line is Line<'payment'> => line.kind === 'payment');
  const prescribed = statement.standing.claims.filter((claim) => claim.prescribed);

  return (
    <Stack gap="lg" style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 120ms' }} data-as-of={statement.asOf}>
      <StatementWarnings warnings={statement.warnings} payments={payments} format={format} />
      <PrescribedBlock claims={prescribed} format={format} />
      <PrincipalBlock lines={principal} prescribed={new Set(prescribed.map((claim) => claim.claimRef))} format={format} />
      <InterestBlock lines={interest} format={format} />
      <IndemnityBlock lines={indemnity} format={format} />
      <PaymentsBlock lines={payments} format={format} />
      <TotalsBlock statement={statement} format={format} />
    </Stack>
  );
}

function StatementWarnings({
  warnings,
  payments,
  format: { money, date },
}: {
  warnings: readonly StatementWarning[];
  payments: Line<'payment'>[];
  format: Format;
}) {
  const t = useT(casesMessages);
  if (warnings.length === 0) return null;
  const paymentDates = new Map(payments.map((line) => [line.id, line.date]));
  return (
    <Stack gap="xs">
      {groupWarnings(warnings).map((warning) => (
        <Alert
          key={warningKey(warning)}
          color={warning.code === 'overpayment' ? 'orange' : 'yellow'}
          variant="light"
          p="xs"
          data-testid="statement-warning"
          data-code={warning.code}
        >
          <Text size="sm">{warningText(t, warning, money, (id) => date(paymentDates.get(id) ?? ''))}</Text>
        </Alert>
      ))}
    </Stack>
  );
}

/**
 * The prescribed claims, apart (issue 15): staff and the creditor see what remains on them; the
 * debtor never does (the portal, letters and plans have only the live claims).
 */
function PrescribedBlock({ claims, format: { money, date } }: { claims: ClaimStanding[]; format: Format }) {
  const t = useT(casesMessages);
  if (claims.length === 0) return null;
  return (
    <Alert color="gray" variant="light" p="sm" title={t('statement.prescribedTitle')} data-testid="statement-prescribed">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('statement.prescribedNote')}
        </Text>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4}>
            <TableHead columns={[t('statement.claim'), t('statement.prescriptionDate'), t('statement.prescriptionBasis'), numeric(t('statement.remaining'))]} />
            <Table.Tbody>
              {claims.map((claim) => (
                <Table.Tr key={claim.claimRef} data-testid="statement-prescribed-claim" data-claim-ref={claim.claimRef} data-cents={claim.owedCents}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text span ff="monospace" size="sm">
                        {claim.claimRef}
                      </Text>
                      <Badge color="gray" variant="filled" size="xs">
                        {t('statement.prescribedBadge')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{claim.prescriptionDate ? date(claim.prescriptionDate) : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{claim.basis ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td className="num">{money(claim.owedCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}

function PrincipalBlock({ lines, prescribed, format: { money, date } }: { lines: Line<'principal'>[]; prescribed: ReadonlySet<string>; format: Format }) {
  const t = useT(casesMessages);
  return (
    <Block title={t('statement.principal')}>
      <Table.ScrollContainer minWidth={420}>
        <Table striped="even" verticalSpacing={6}>
          <TableHead columns={[t('statement.claim'), t('statement.issueDate'), t('statement.dueDate'), numeric(t('statement.amount'))]} />
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={line.claimRef} data-testid="statement-line" data-kind="principal" data-prescribed={prescribed.has(line.claimRef) || undefined}>
                <Table.Td ff="monospace">
                  {line.claimRef}
                  {prescribed.has(line.claimRef) && (
                    <Badge color="gray" variant="light" size="xs" ml={6}>
                      {t('statement.prescribedBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{date(line.issueDate)}</Table.Td>
                <Table.Td>{date(line.dueDate)}</Table.Td>
                <Table.Td className="num">{money(line.amountCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Block>
  );
}

function InterestBlock({ lines, format: { money, date } }: { lines: Line<'interest'>[]; format: Format }) {
  const t = useT(casesMessages);
  return (
    <Block title={t('statement.interest')} empty={lines.length === 0 && t('statement.noInterest')}>
      <Table.ScrollContainer minWidth={640}>
        <Table striped="even" verticalSpacing={6}>
          <TableHead
            columns={[
              t('statement.claim'),
              t('statement.period'),
              numeric(t('statement.days')),
              numeric(t('statement.rate')),
              numeric(t('statement.base')),
              numeric(t('statement.amount')),
            ]}
          />
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={`${line.claimRef}:${line.from}`} data-testid="statement-line" data-kind="interest">
                <Table.Td ff="monospace" valign="top" style={{ whiteSpace: 'nowrap' }}>
                  {line.claimRef}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('statement.periodRange', { from: date(line.from), to: date(line.to) })}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="statement-legal-basis">
                    {line.legalBasis}
                  </Text>
                </Table.Td>
                <Table.Td className="num" valign="top">
                  {formatNumber(line.days, t.locale)}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {t('statement.yearDays', { days: line.yearDays })}
                  </Text>
                </Table.Td>
                <Table.Td className="num" valign="top">
                  {formatBasisPoints(line.rateBasisPoints, t.locale)}
                </Table.Td>
                <Table.Td className="num" valign="top">
                  {money(line.baseCents)}
                </Table.Td>
                <Table.Td className="num" valign="top" fw={600}>
                  {money(line.amountCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Block>
  );
}

function IndemnityBlock({ lines, format: { money } }: { lines: Line<'indemnity'>[]; format: Format }) {
  const t = useT(casesMessages);
  return (
    <Block title={t('statement.indemnities')} empty={lines.length === 0 && t('statement.noIndemnity')}>
      <Table striped="even" verticalSpacing={6}>
        <TableHead columns={[t('statement.claim'), t('statement.legalBasis'), numeric(t('statement.amount'))]} />
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.claimRef} data-testid="statement-line" data-kind="indemnity">
              <Table.Td ff="monospace">{line.claimRef}</Table.Td>
              <Table.Td>{line.legalBasis}</Table.Td>
              <Table.Td className="num">{money(line.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Block>
  );
}

function PaymentsBlock({ lines, format: { money, date } }: { lines: Line<'payment'>[]; format: Format }) {
  const t = useT(casesMessages);
  return (
    <Block title={t('statement.payments')} empty={lines.length === 0 && t('statement.noPayment')}>
      <Table.ScrollContainer minWidth={520}>
        <Table striped="even" verticalSpacing={6}>
          <TableHead columns={[t('statement.date'), numeric(t('statement.amount')), t('statement.allocation')]} />
          <Table.Tbody>
            {lines.map((line) => (
              <Table.Tr key={line.id} data-testid="statement-line" data-kind="payment">
                <Table.Td valign="top">{date(line.date)}</Table.Td>
                <Table.Td className="num" valign="top" fw={600}>
                  {money(line.amountCents)}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {line.allocations.map((allocation) => (
                      <Group
                        key={`${allocation.claimRef}:${allocation.element}`}
                        gap={6}
                        wrap="nowrap"
                        justify="space-between"
                        data-testid="statement-allocation"
                      >
                        <Text size="sm">
                          <Text span ff="monospace" size="sm">
                            {allocation.claimRef}
                          </Text>{' '}
                          · {t.dyn(`statement.element.${allocation.element}`, allocation.element)}
                        </Text>
                        <Text size="sm" className="num" style={{ whiteSpace: 'nowrap' }}>
                          {money(allocation.amountCents)}
                        </Text>
                      </Group>
                    ))}
                    {line.creditCents > 0 && (
                      <Group gap={6} wrap="nowrap" justify="space-between" data-testid="statement-credit">
                        <Badge color="orange" variant="light" size="sm">
                          {t('statement.credit')}
                        </Badge>
                        <Text size="sm" c="orange.9" fw={600} style={{ whiteSpace: 'nowrap' }}>
                          {money(line.creditCents)}
                        </Text>
                      </Group>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Block>
  );
}

function TotalsBlock({ statement, format: { money, date } }: { statement: Statement; format: Format }) {
  const t = useT(casesMessages);
  const { totals, balances } = statement;
  return (
    <Block title={t('statement.totals')}>
      <Table verticalSpacing={6} data-testid="statement-totals">
        <TableHead columns={[t('statement.element'), numeric(t('statement.due')), numeric(t('statement.remaining'))]} />
        <Table.Tbody>
          <DueRow label={t('statement.principal')} testId="statement-total-principal" due={totals.principalCents} remaining={balances.principalCents} money={money} />
          <DueRow label={t('statement.interest')} testId="statement-total-interest" due={totals.interestCents} remaining={balances.interestCents} money={money} withCents />
          <DueRow label={t('statement.indemnities')} testId="statement-total-indemnity" due={totals.indemnityCents} remaining={balances.indemnityCents} money={money} withCents />
          <Table.Tr>
            <Table.Td>{t('statement.totalPaid')}</Table.Td>
            <Table.Td className="num" c="teal.9" data-testid="statement-total-paid">
              − {money(totals.paidCents)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
          {totals.creditCents > 0 && (
            <Table.Tr>
              <Table.Td>{t('statement.totalCredit')}</Table.Td>
              <Table.Td className="num" c="orange.9" data-testid="statement-total-credit">
                + {money(totals.creditCents)}
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          )}
          <Table.Tr bg="indigo.0">
            <Table.Td fw={700}>
              {t('statement.balance')}
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                · {date(statement.asOf)}
              </Text>
            </Table.Td>
            <Table.Td />
            <Table.Td
              className="num"
              fw={700}
              fz="lg"
              data-testid="statement-total-balance"
              data-cents={totals.balanceCents}
            >
              {money(totals.balanceCents)}
            </Table.Td>
          </Table.Tr>
          {statement.standing.prescribedCents > 0 && <StandingRows standing={statement.standing} money={money} />}
        </Table.Tbody>
      </Table>
    </Block>
  );
}

/** The balance split: what may be demanded, and what remains on prescribed claims (never demanded). */
function StandingRows({ standing, money }: { standing: Statement['standing']; money: Format['money'] }) {
  const t = useT(casesMessages);
  return (
    <>
      <Table.Tr>
        <Table.Td fw={600}>{t('statement.demandable')}</Table.Td>
        <Table.Td />
        <Table.Td className="num" fw={600} data-testid="statement-total-demandable" data-cents={standing.demandableCents}>
          {money(standing.demandableCents)}
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td c="dimmed">{t('statement.prescribed')}</Table.Td>
        <Table.Td />
        <Table.Td className="num" c="dimmed" data-testid="statement-total-prescribed" data-cents={standing.prescribedCents}>
          {money(standing.prescribedCents)}
        </Table.Td>
      </Table.Tr>
    </>
  );
}

/** One element of the totals: what was due, and what of it remains. */
function DueRow(props: { label: string; testId: string; due: number; remaining: number; money: Format['money']; withCents?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td>{props.label}</Table.Td>
      <Table.Td className="num" data-testid={props.testId} data-cents={props.withCents ? props.due : undefined}>
        {props.money(props.due)}
      </Table.Td>
      <Table.Td className="num">{props.money(props.remaining)}</Table.Td>
    </Table.Tr>
  );
}

/** A titled part of the décompte; `empty` is the dimmed sentence shown instead of an empty table. */
function Block({ title, empty, children }: { title: string; empty?: string | false; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {title}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

/**
 * Claim warnings that say the same thing of several claims (the mise en demeure is one letter for
 * the whole case; a contract rate is usually the same on every invoice): one warning naming every
 * claim, where the first of them was.
 */
const sharedByClaims = new Set<StatementWarning['code']>([
  'no_interest_without_mise_en_demeure',
  'consumer_contract_rate_without_mise_en_demeure',
  'contract_rate_cap_to_check',
  'contract_rate_set_aside',
]);

function groupWarnings(warnings: readonly StatementWarning[]): StatementWarning[] {
  const grouped: StatementWarning[] = [];
  const positions = new Map<string, number>();
  for (const warning of warnings) {
    if (!sharedByClaims.has(warning.code) || !('claimRef' in warning)) {
      grouped.push(warning);
      continue;
    }
    const key = JSON.stringify({ ...warning, claimRef: null });
    const at = positions.get(key);
    const first = at === undefined ? undefined : grouped[at];
    if (at === undefined || !first || !('claimRef' in first)) {
      positions.set(key, grouped.length);
      grouped.push(warning);
      continue;
    }
    grouped[at] = { ...first, claimRef: `${first.claimRef}, ${warning.claimRef}` } as StatementWarning;
  }
  return grouped;
}

function warningKey(warning: StatementWarning): string {
  switch (warning.code) {
    case 'contract_rate_below_legal_floor':
      return `${warning.code}:${warning.claimRef}:${warning.halfYear}`;
    case 'no_interest_without_mise_en_demeure':
    case 'consumer_contract_rate_without_mise_en_demeure':
    case 'contract_rate_cap_to_check':
    case 'contract_rate_set_aside':
      return `${warning.code}:${warning.claimRef}`;
    case 'payment_after_as_of':
    case 'overpayment':
      return `${warning.code}:${warning.paymentId}`;
  }
}

function warningText(
  t: Translate<MessageKey<typeof casesMessages>>,
  warning: StatementWarning,
  money: (cents: number) => string,
  paymentDate: (paymentId: string) => string,
): string {
  switch (warning.code) {
    case 'contract_rate_below_legal_floor':
      return t('statement.warn.floor', {
        claimRef: warning.claimRef,
        contract: formatBasisPoints(warning.contractRateBasisPoints, t.locale),
        floor: formatBasisPoints(warning.floorBasisPoints, t.locale),
        halfYear: warning.halfYear,
      });
    case 'no_interest_without_mise_en_demeure':
      return t('statement.warn.noMiseEnDemeure', { claimRefs: warning.claimRef });
    case 'consumer_contract_rate_without_mise_en_demeure':
      return t('statement.warn.contractRateWithoutNotice', {
        claimRefs: warning.claimRef,
        rate: formatBasisPoints(warning.contractRateBasisPoints, t.locale),
      });
    case 'contract_rate_cap_to_check':
      return t('statement.warn.rateCapToCheck', {
        claimRefs: warning.claimRef,
        rate: formatBasisPoints(warning.contractRateBasisPoints, t.locale),
        basis: warning.legalBasis,
      });
    case 'contract_rate_set_aside':
      return t('statement.warn.rateSetAside', {
        claimRefs: warning.claimRef,
        rate: formatBasisPoints(warning.contractRateBasisPoints, t.locale),
        basis: warning.legalBasis,
      });
    case 'payment_after_as_of':
      return t('statement.warn.afterAsOf', { date: formatDate(warning.date, t.locale) });
    case 'overpayment':
      return t('statement.warn.overpayment', { date: paymentDate(warning.paymentId), amount: money(warning.creditCents) });
  }
}
