import { Anchor, Badge, Button, ColorSwatch, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Creditor } from '@relance/contracts/creditors';
import { formatBasisPoints } from '@relance/domain/money';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useNatureLabels } from '../../../shared/claim-nature.ts';
import { CreditorTabs } from '../../../shared/components/CreditorTabs.tsx';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { creditorOptions } from '../api/creditors.ts';
import { CreditorEditForm } from '../components/CreditorEditForm.tsx';
import { CreditorInvitations } from '../components/CreditorInvitations.tsx';
import { CreditorUsers } from '../components/CreditorUsers.tsx';
import { LogoUpload } from '../components/LogoUpload.tsx';
import { MandateDocument } from '../components/MandateDocument.tsx';
import { MandateStanding } from '../components/MandateStanding.tsx';
import { creditorsMessages } from '../messages.ts';

export function CreditorDetailPage() {
  const t = useT(creditorsMessages);
  const { id = '' } = useParams();
  const query = useQuery(creditorOptions(id));
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/creditors" size="sm">
        ← {t('creditors.title')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <CreditorHeader creditor={query.data} editing={editing} onEdit={() => setEditing(true)} />
          <CreditorTabs creditorId={query.data.id} active="profile" />
          {editing && <CreditorEditForm key={query.data.id} creditor={query.data} onDone={() => setEditing(false)} />}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <ProfileCard creditor={query.data} />
                <MandateStanding creditor={query.data} />
                <MandateDocument creditor={query.data} />
                <LogoUpload creditor={query.data} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <CreditorUsers creditorId={query.data.id} />
                <CreditorInvitations creditorId={query.data.id} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function CreditorHeader({ creditor, editing, onEdit }: { creditor: Creditor; editing: boolean; onEdit: () => void }) {
  const t = useT(creditorsMessages);
  return (
    <Group justify="space-between" align="flex-end">
      <Stack gap={2}>
        <Group gap="sm">
          <ColorSwatch color={creditor.brand.primaryColor} size={18} />
          <Title order={2} fz={24} data-testid="creditor-title">
            {creditor.brand.displayName}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {creditor.legalName} · {t.dyn(`creditors.kind.${creditor.kind}`, creditor.kind)}
          {creditor.kind === 'private_individual' && creditor.actsProfessionally ? ` · ${t('creditors.actsProfessionally')}` : ''}
          {creditor.siren ? ` · SIREN ${creditor.siren}` : ''}
        </Text>
      </Stack>
      <Group gap="sm">
        <Badge size="lg" variant="light" color={creditor.mandate.isValid ? 'teal' : 'red'}>
          {t('creditors.mandate')} {t.dyn(`creditors.mandateState.${creditor.mandate.state}`, creditor.mandate.state)}
        </Badge>
        {!editing && (
          <Button size="xs" variant="light" onClick={onEdit} data-testid="creditor-edit">
            {t('creditors.edit')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** Address, mandate, colour and the terms, as recorded. */
function ProfileCard({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const natures = useNatureLabels();
  return (
    <Paper p="md">
      <SimpleGrid cols={1} spacing="sm">
        <Field label={t('creditors.address')}>
          {creditor.address.line1}
          {creditor.address.line2 ? (
            <>
              <br />
              {creditor.address.line2}
            </>
          ) : null}
          <br />
          {creditor.address.postalCode} {creditor.address.city}
        </Field>
        <Field label={t('creditors.mandate')}>
          {creditor.mandate.reference} · {t('creditors.mandateSigned')}{' '}
          {formatDate(creditor.mandate.signedOn, t.locale)} ·{' '}
          {creditor.mandate.validUntil
            ? t('creditors.validUntil', { date: formatDate(creditor.mandate.validUntil, t.locale) })
            : t('creditors.openEnded')}
        </Field>
        <Field label={t('creditors.defaultNature')}>
          <span data-testid="creditor-default-nature">
            {creditor.defaultClaimNature ? natures.regime(creditor.defaultClaimNature) : t('creditors.defaultNature.none')}
          </span>
        </Field>
        <Field label={t('creditors.primaryColor')}>
          <Group gap={6}>
            <ColorSwatch color={creditor.brand.primaryColor} size={14} />
            <Text size="sm" ff="monospace">
              {creditor.brand.primaryColor}
            </Text>
          </Group>
        </Field>
        <TermsSummary creditor={creditor} t={t} />
      </SimpleGrid>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The optional terms, shown only when set (a creditor created before they existed has defaults). */
function TermsSummary({ creditor, t }: { creditor: Creditor; t: Translate<MessageKey<typeof creditorsMessages>> }) {
  const { commission, remittance, paymentPlanRules: rules, brand } = creditor;
  const commissionParts = [
    commission.percentBasisPoints !== null ? formatBasisPoints(commission.percentBasisPoints, t.locale) : null,
    commission.fixedFeeCents !== null ? t('creditors.terms.perCase', { amount: formatMoney(commission.fixedFeeCents, 'EUR', t.locale) }) : null,
  ].filter(Boolean);
  return (
    <>
      {(creditor.legalForm || creditor.vatNumber) && (
        <Field label={t('creditors.terms.legal')}>
          {[creditor.legalForm, creditor.vatNumber ? `${t('creditors.terms.vatShort')} ${creditor.vatNumber}` : null].filter(Boolean).join(' · ')}
        </Field>
      )}
      <Field label={t('creditors.terms.commission')}>{commissionParts.length ? commissionParts.join(' + ') : t('common.none')}</Field>
      <Field label={t('creditors.terms.remittance')}>
        {t(`creditors.terms.basis.${remittance.basis}`)} · {t(`creditors.terms.frequency.${remittance.frequency}`)} ·{' '}
        {t('creditors.terms.delayShort', { days: remittance.delayDays })}
        {remittance.longerDelayStipulated ? ` · ${t('creditors.terms.longerDelayShort')}` : ''}
      </Field>
      <Field label={t('creditors.terms.plans')}>
        {t('creditors.terms.plansSummary', {
          months: rules.maxDurationMonths,
          min: formatMoney(rules.minInstallmentCents, 'EUR', t.locale),
          discount: formatBasisPoints(rules.maxAgentDiscountBasisPoints, t.locale),
        })}
      </Field>
      <Field label={t('creditors.terms.account')}>
        <Text size="sm" ff="monospace">
          {creditor.remittanceAccount
            ? `${creditor.remittanceAccount.iban}${creditor.remittanceAccount.bic ? ` · ${creditor.remittanceAccount.bic}` : ''}`
            : t('common.none')}
        </Text>
      </Field>
      <Field label={t('creditors.terms.retention')}>
        <Text size="sm" data-testid="creditor-retention">
          {t('creditors.terms.retentionShort', { years: creditor.dataRetention.yearsAfterClose })}
        </Text>
      </Field>
      {(brand.senderName || brand.replyTo || brand.secondaryColor) && (
        <Field label={t('creditors.terms.brandDetails')}>
          <Group gap={6}>
            {brand.secondaryColor && <ColorSwatch color={brand.secondaryColor} size={14} />}
            <Text size="sm">{[brand.senderName, brand.replyTo].filter(Boolean).join(' · ')}</Text>
          </Group>
        </Field>
      )}
    </>
  );
}
