import {
  Anchor,
  Badge,
  ColorSwatch,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CaseDetail } from '@relance/contracts/cases';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { todayInParis } from '../../../shared/dates.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useSetContactValidity } from '../api/case-work.ts';
import { caseDetailOptions, caseStatementOptions } from '../api/cases.ts';
import { ActivityForm } from '../components/ActivityForm.tsx';
import { CaseActions, CaseFlagAlerts, CaseFlagBadges, CaseHeaderContacts } from '../components/CaseActions.tsx';
import { CaseTimeline } from '../components/CaseTimeline.tsx';
import { PaymentForm } from '../components/PaymentForm.tsx';
import { PortalLinkCard } from '../components/PortalLinkCard.tsx';
import { StatementSection } from '../components/StatementSection.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { casesMessages } from '../messages.ts';

/** What other features need to add their panels to the case screen (composed by the app, not imported here). */
export interface CaseWorkContext {
  caseId: string;
  currency: string;
  /** Today's décompte balance (interest included), when it could be computed. */
  balanceCents: number | undefined;
  /** Today in the agency's time zone (the server's clock when known). */
  today: string;
}

export interface CaseScreenSlots {
  /** Above the case header (the queue's lease banner). */
  banner?: (caseId: string) => ReactNode;
  /** In the work column, under the call form (promise to pay). */
  side?: (context: CaseWorkContext) => ReactNode;
  /** Full width, above the décompte (payment plan negotiation). */
  wide?: (context: CaseWorkContext) => ReactNode;
  /** Full width, for everyone who sees the case: messages sent and documents kept (evidence). */
  documents?: (caseId: string) => ReactNode;
}

export function CaseDetailPage({ slots = {} }: { slots?: CaseScreenSlots }) {
  const t = useT(casesMessages);
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const query = useQuery(caseDetailOptions(id));
  const canWork = user.role !== 'creditor';
  const isAdmin = user.role === 'admin';
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const backTo = `/cases${listSearch}`;

  useHotkeys([
    ['c', () => noteRef.current?.focus()],
    ['g', () => navigate(backTo)],
    ['Escape', () => navigate(backTo)],
  ]);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={backTo} size="sm" data-testid="back-to-list">
        ← {t('case.backToList')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <CaseView
          detail={query.data}
          canWork={canWork}
          isAdmin={isAdmin}
          isManager={user.role === 'manager' || isAdmin}
          noteRef={noteRef}
          slots={slots}
        />
      )}
    </Stack>
  );
}

function CaseView({
  detail,
  canWork,
  isAdmin,
  isManager,
  noteRef,
  slots,
}: {
  detail: CaseDetail;
  canWork: boolean;
  isAdmin: boolean;
  isManager: boolean;
  noteRef: React.RefObject<HTMLTextAreaElement | null>;
  slots: CaseScreenSlots;
}) {
  const t = useT(casesMessages);
  const money = (cents: number) => formatMoney(cents, detail.currency, t.locale);
  const { debtor } = detail;
  // '' = today by the server's clock. The balance card always shows today's décompte; the
  // section below may be recomputed at another date.
  const [asOf, setAsOf] = useState('');
  const todayStatement = useQuery(caseStatementOptions(detail.id, ''));
  const shownStatement = useQuery(caseStatementOptions(detail.id, asOf));
  const statementBalance = todayStatement.data?.totals.balanceCents;
  const today = todayStatement.data?.asOf ?? todayInParis();
  const work: CaseWorkContext = { caseId: detail.id, currency: detail.currency, balanceCents: statementBalance, today };

  return (
    <Stack gap="md" data-testid="case-detail">
      {canWork && slots.banner?.(detail.id)}
      <Paper p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} fz={24} data-testid="case-debtor-name">
                {debtor.displayName}
              </Title>
              <StatusBadge status={detail.status} />
            </Group>
            <Text size="sm" c="dimmed">
              <Text span ff="monospace">
                {detail.reference}
              </Text>{' '}
              · {debtor.kind === 'company' ? t('case.company') : t('case.person')}
              {debtor.siren ? ` · ${t('case.siren')} ${debtor.siren}` : ''} ·{' '}
              {t('case.openedOn', { date: formatDate(detail.openedOn, t.locale) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('case.oldestDue', { date: formatDate(detail.oldestDueDate, t.locale), days: detail.daysPastDue })}
            </Text>
            <CaseHeaderContacts detail={detail} />
            <CaseFlagBadges detail={detail} />
          </Stack>
          <Group gap={8} data-testid="case-creditor">
            {canWork && <CaseActions detail={detail} isManager={isManager} />}
            {detail.creditorBrand.logoUrl ? (
              <img src={detail.creditorBrand.logoUrl} alt="" style={{ height: 28, maxWidth: 96, objectFit: 'contain' }} />
            ) : null}
            <Badge
              size="lg"
              variant="outline"
              color="gray"
              leftSection={<ColorSwatch color={detail.creditorBrand.primaryColor} size={12} />}
              styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
            >
              {detail.creditorBrand.displayName || detail.creditorName}
            </Badge>
          </Group>
        </Group>
      </Paper>

      <CaseFlagAlerts detail={detail} />

      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Amount label={t('case.principal')} value={money(detail.principalCents)} />
        <Amount label={t('case.paid')} value={money(detail.paidCents)} color="teal.7" />
        <Amount
          label={t('case.balance')}
          value={money(statementBalance ?? detail.balanceCents)}
          strong
          testId="case-detail-balance"
          note={
            todayStatement.data
              ? t('case.balanceAsOf', { date: formatDate(todayStatement.data.asOf, t.locale) })
              : todayStatement.isError
                ? t('case.balanceWithoutInterest')
                : undefined
          }
        />
      </SimpleGrid>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Contacts detail={detail} canWork={canWork} />
            <Paper p="md">
              <Title order={4} mb="sm">
                {t('case.claims')} ({detail.claims.length})
              </Title>
              <Table.ScrollContainer minWidth={420}>
                <Table striped="even" data-testid="claims-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('case.invoiceRef')}</Table.Th>
                      <Table.Th>{t('case.issueDate')}</Table.Th>
                      <Table.Th>{t('case.dueDate')}</Table.Th>
                      <Table.Th className="num">{t('case.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {detail.claims.map((claim) => (
                      <Table.Tr key={claim.id} data-testid="claim-row">
                        <Table.Td ff="monospace">{claim.invoiceRef}</Table.Td>
                        <Table.Td>{formatDate(claim.issueDate, t.locale)}</Table.Td>
                        <Table.Td>{formatDate(claim.dueDate, t.locale)}</Table.Td>
                        <Table.Td className="num">{formatMoney(claim.amountCents, claim.currency, t.locale)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
            <Paper p="md">
              <Title order={4} mb="sm">
                {t('case.payments')}
              </Title>
              {detail.refundDueCents !== null && detail.refundDueCents > 0 && (
                <Text size="sm" c="orange.8" fw={600} mb="xs" data-testid="refund-due">
                  {t('case.refundDue', { amount: money(detail.refundDueCents) })}
                </Text>
              )}
              {detail.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('case.noPayments')}
                </Text>
              ) : (
                <Table striped="even" data-testid="payments-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('case.receivedOn')}</Table.Th>
                      <Table.Th>{t('case.method')}</Table.Th>
                      <Table.Th>{t('case.providerRef')}</Table.Th>
                      <Table.Th className="num">{t('case.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {detail.payments.map((payment) => (
                      <Table.Tr key={payment.id} data-testid="payment-row">
                        <Table.Td>{formatDate(payment.receivedOn, t.locale)}</Table.Td>
                        <Table.Td>{t.dyn(`method.${payment.method}`, payment.method)}</Table.Td>
                        <Table.Td ff="monospace" fz="xs">
                          {payment.providerReference ?? '—'}
                        </Table.Td>
                        <Table.Td className="num">
                          {payment.overpayment && (
                            <Badge size="xs" color="orange" variant="light" mr={6} data-testid="payment-overpayment">
                              {t('case.overpaymentBadge')}
                            </Badge>
                          )}
                          {formatMoney(payment.amountCents, payment.currency, t.locale)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {canWork ? (
              <>
                <ActivityForm caseId={detail.id} noteRef={noteRef} />
                <Text size="xs" c="dimmed" px={4}>
                  {t('case.shortcutHint')}
                </Text>
                {slots.side?.(work)}
                <PaymentForm
                  caseId={detail.id}
                  claimRefs={detail.claims.map((claim) => claim.invoiceRef)}
                  currency={detail.currency}
                  today={today}
                />
                <PortalLinkCard caseId={detail.id} />
              </>
            ) : (
              <Badge variant="light" color="gray" size="lg" style={{ alignSelf: 'flex-start' }}>
                {t('case.readOnly')}
              </Badge>
            )}
            <CaseTimeline activities={detail.activities} />
          </Stack>
        </Grid.Col>
      </Grid>

      {canWork && slots.wide?.(work)}

      {slots.documents?.(detail.id)}

      {/* Full width: the interest lines need their columns (period, days, rate, base, amount). */}
      <StatementSection query={shownStatement} asOf={asOf} onAsOfChange={setAsOf} canAddRates={isAdmin} />
    </Stack>
  );
}

function Amount({
  label,
  value,
  color,
  strong,
  testId,
  note,
}: {
  label: string;
  value: string;
  color?: string;
  strong?: boolean;
  testId?: string;
  note?: string;
}) {
  return (
    <Paper p="md" bg={strong ? 'indigo.0' : undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

/** A contact's validity flag; staff click it to mark the contact invalid (or valid again). */
function Validity({
  valid,
  toggle,
}: {
  valid: boolean;
  toggle?: { caseId: string; kind: 'email' | 'phone' | 'address'; contactId: string } | undefined;
}) {
  const t = useT(casesMessages);
  if (toggle) return <ValidityToggle valid={valid} {...toggle} />;
  return (
    <Badge
      size="xs"
      variant="light"
      color={valid ? 'teal' : 'red'}
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid="contact-validity"
      data-valid={valid}
    >
      {valid ? t('common.valid') : t('common.invalid')}
    </Badge>
  );
}

function ValidityToggle({ valid, caseId, kind, contactId }: { valid: boolean; caseId: string; kind: 'email' | 'phone' | 'address'; contactId: string }) {
  const t = useT(casesMessages);
  const mutation = useSetContactValidity(caseId);
  return (
    <Tooltip label={valid ? t('caseWork.markInvalid') : t('caseWork.markValid')} withArrow>
      <Badge
        component="button"
        type="button"
        size="xs"
        variant="light"
        color={valid ? 'teal' : 'red'}
        style={{ flexShrink: 0, overflow: 'visible', cursor: 'pointer', border: 0 }}
        data-testid="contact-validity"
        data-valid={valid}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ kind, contactId, valid: !valid })}
      >
        {valid ? t('common.valid') : t('common.invalid')}
      </Badge>
    </Tooltip>
  );
}

function Contacts({ detail, canWork }: { detail: CaseDetail; canWork: boolean }) {
  const t = useT(casesMessages);
  const toggle = (kind: 'email' | 'phone' | 'address', contactId: string) => (canWork ? { caseId: detail.id, kind, contactId } : undefined);
  const { emails, phones, addresses } = detail.debtor;
  const none = emails.length + phones.length + addresses.length === 0;
  return (
    <Paper p="md" data-testid="debtor-contacts">
      <Title order={4} mb="sm">
        {t('case.contacts')}
      </Title>
      {none ? (
        <Text size="sm" c="dimmed">
          {t('case.noContact')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <ContactColumn title={t('case.phones')}>
            {phones.map((phone) => (
              <Group key={phone.id} gap={6} wrap="nowrap">
                <Anchor href={`tel:${phone.phone}`} size="sm" td={phone.valid ? undefined : 'line-through'} c={phone.valid ? undefined : 'dimmed'}>
                  {phone.phone}
                </Anchor>
                <Validity valid={phone.valid} toggle={toggle('phone', phone.id)} />
              </Group>
            ))}
          </ContactColumn>
          <ContactColumn title={t('case.emails')}>
            {emails.map((email) => (
              <Group key={email.id} gap={6} wrap="nowrap">
                <Text size="sm" truncate style={{ minWidth: 0 }} td={email.valid ? undefined : 'line-through'} c={email.valid ? undefined : 'dimmed'}>
                  {email.email}
                </Text>
                <Validity valid={email.valid} toggle={toggle('email', email.id)} />
              </Group>
            ))}
          </ContactColumn>
          <ContactColumn title={t('case.addresses')}>
            {addresses.map((address) => (
              <Group key={address.id} gap={6} wrap="nowrap" align="flex-start">
                <Text size="sm" c={address.valid ? undefined : 'dimmed'} style={{ flex: 1, minWidth: 0 }}>
                  {address.line1}
                  <br />
                  {address.postalCode} {address.city}
                  {address.country !== 'FR' ? ` (${address.country})` : ''}
                </Text>
                <Validity valid={address.valid} toggle={toggle('address', address.id)} />
              </Group>
            ))}
          </ContactColumn>
        </SimpleGrid>
      )}
    </Paper>
  );
}

function ContactColumn({ title, children }: { title: string; children: React.ReactNode[] }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      {children.length > 0 ? children : <Text size="sm" c="dimmed">—</Text>}
    </Stack>
  );
}
