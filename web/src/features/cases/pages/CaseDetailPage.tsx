import { Anchor, Badge, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CaseDetail } from '@relance/contracts/cases';
import type { Statement as CaseStatement } from '@relance/contracts/statements';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { StatCard } from '../../../shared/components/StatCard.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { todayInParis } from '../../../shared/dates.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { caseDetailOptions, caseStatementOptions } from '../api/cases.ts';
import { CaseFlagAlerts } from '../components/CaseActions.tsx';
import { CaseHeader } from '../components/CaseHeader.tsx';
import { ClaimsCard, PaymentsCard } from '../components/CaseLedger.tsx';
import { ReceiptsCard } from '../components/CaseReceipts.tsx';
import { CaseTimeline } from '../components/CaseTimeline.tsx';
import { CaseWorkPanels } from '../components/CaseWorkPanels.tsx';
import { CreditorCaseActions } from '../components/CreditorCaseActions.tsx';
import { DebtorContacts } from '../components/DebtorContacts.tsx';
import { MandateAlert } from '../components/MandateAlert.tsx';
import { RegistryCard } from '../components/RegistryCard.tsx';
import { StatementSection } from '../components/StatementSection.tsx';
import { casesMessages } from '../messages.ts';

/** What other features need to add their panels to the case screen (composed by the app, not imported here). */
export interface CaseWorkContext {
  caseId: string;
  currency: string;
  /**
   * What may be demanded today: the décompte's balance (interest included) less what remains on
   * prescribed claims, which no plan or promise may cover; undefined when it could not be computed.
   */
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
  /** Full width, for everyone who sees the case: the judicial phase ("Procédure"). */
  legal?: (context: CaseWorkContext) => ReactNode;
  /** Under the dispute alert, for everyone who sees the case: the consultations of the creditor about it. */
  dispute?: (context: { caseId: string; openDisputeId: string | null }) => ReactNode;
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
  // Creditors and the agency's accountant read a case; agents, managers and admins work it.
  const canWork = user.role !== 'creditor' && user.role !== 'accountant';
  const isAdmin = user.role === 'admin';
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const backTo = `/cases${listSearch}`;

  useHotkeys([
    ['c', () => noteRef.current?.focus()],
    ['g', () => navigate(backTo)],
    // Esc closes an open dialog, side panel, menu or list first (Mantine's own handler); only then back to the list.
    ['Escape', () => document.querySelector('[role="dialog"], [role="menu"], [role="listbox"]') === null && navigate(backTo)],
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
  noteRef: RefObject<HTMLTextAreaElement | null>;
  slots: CaseScreenSlots;
}) {
  // '' = today by the server's clock. The balance card always shows today's décompte; the
  // section below may be recomputed at another date.
  const [asOf, setAsOf] = useState('');
  const todayStatement = useQuery(caseStatementOptions(detail.id, ''));
  const shownStatement = useQuery(caseStatementOptions(detail.id, asOf));
  const standing = todayStatement.data?.standing;
  const today = todayStatement.data?.asOf ?? todayInParis();
  const work: CaseWorkContext = { caseId: detail.id, currency: detail.currency, balanceCents: standing?.demandableCents, today };

  return (
    <Stack gap="md" data-testid="case-detail">
      {canWork && slots.banner?.(detail.id)}
      <CaseHeader detail={detail} canWork={canWork} isManager={isManager} />

      <MandateAlert detail={detail} />
      <CaseFlagAlerts detail={detail} />
      {slots.dispute?.({ caseId: detail.id, openDisputeId: detail.dispute?.id ?? null })}

      {/* Above the fold on 1440x900: figures and the next action on the left, the timeline next to them. */}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <CaseFigures detail={detail} statement={todayStatement} />
            <WorkColumn detail={detail} canWork={canWork} noteRef={noteRef} slots={slots} work={work} />
            <DebtorContacts detail={detail} canWork={canWork} />
            {detail.debtor.siren && <RegistryCard caseId={detail.id} canWork={canWork} currency={detail.currency} today={today} />}
            <ClaimsCard detail={detail} canEdit={canWork} />
            <PaymentsCard detail={detail} />
            <ReceiptsCard caseId={detail.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} className="case-timeline-column">
          <CaseTimeline activities={detail.activities} currency={detail.currency} />
          {isManager && <CaseAuditLink caseId={detail.id} />}
        </Grid.Col>
      </Grid>

      {slots.legal?.(work)}

      {slots.documents?.(detail.id)}

      {/* Full width: the interest lines need their columns (period, days, rate, base, amount). */}
      <div id="decompte">
        <StatementSection query={shownStatement} asOf={asOf} onAsOfChange={setAsOf} canAddRates={isAdmin} />
      </div>
    </Stack>
  );
}

/** Managers and admins: this case's own audit trail (who read or changed it). */
function CaseAuditLink({ caseId }: { caseId: string }) {
  const t = useT(casesMessages);
  return (
    <Anchor component={Link} to={`/audit?caseId=${caseId}`} size="sm" mt="xs" display="inline-block" data-testid="case-audit-link">
      {t('detail.auditLink')}
    </Anchor>
  );
}

/** Principal, paid and today's balance, with the décompte's summary (interest, indemnities) and the way to the full décompte. */
function CaseFigures({ detail, statement: todayStatement }: { detail: CaseDetail; statement: UseQueryResult<CaseStatement> }) {
  const t = useT(casesMessages);
  const money = (cents: number) => formatMoney(cents, detail.currency, t.locale);
  const totals = todayStatement.data?.totals;
  const standing = todayStatement.data?.standing;
  return (
    <Stack gap={6}>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <StatCard label={t('case.principal')} value={money(detail.principalCents)} valueSize={22} />
        <StatCard label={t('case.paid')} value={money(detail.paidCents)} color="teal.8" valueSize={22} />
        <StatCard
          label={t('case.balance')}
          value={money(totals?.balanceCents ?? detail.balanceCents)}
          highlighted
          valueSize={22}
          testId="case-detail-balance"
          note={
            standing && standing.prescribedCents > 0
              ? t('case.balanceSplit', { demandable: money(standing.demandableCents), prescribed: money(standing.prescribedCents) })
              : todayStatement.data
                ? t('case.balanceAsOf', { date: formatDate(todayStatement.data.asOf, t.locale) })
                : todayStatement.isError
                  ? t('case.balanceWithoutInterest')
                  : undefined
          }
        />
      </SimpleGrid>
      <Group justify="space-between" gap="xs" px={4} data-testid="decompte-summary">
        <Text size="xs" c="dimmed">
          {totals
            ? t('case.decompteSummary', { principal: money(totals.principalCents), interest: money(totals.interestCents), indemnity: money(totals.indemnityCents), paid: money(totals.paidCents) })
            : '\u00a0'}
        </Text>
        <Anchor href="#decompte" size="xs" data-testid="decompte-link">
          {t('case.decompteLink')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/** The agent's side of the case: the call form and the side panels; the creditor's own actions; or read only. */
function WorkColumn({
  detail,
  canWork,
  noteRef,
  slots,
  work,
}: {
  detail: CaseDetail;
  canWork: boolean;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  slots: CaseScreenSlots;
  work: CaseWorkContext;
}) {
  const t = useT(casesMessages);
  const user = useUser();
  if (canWork) return <CaseWorkPanels detail={detail} noteRef={noteRef} today={work.today} promise={slots.side?.(work)} plan={slots.wide?.(work)} />;
  if (user.role === 'creditor') return <CreditorCaseActions detail={detail} today={work.today} />;
  return (
    <Badge variant="light" color="gray" size="lg" style={{ alignSelf: 'flex-start' }}>
      {t('case.readOnly')}
    </Badge>
  );
}
