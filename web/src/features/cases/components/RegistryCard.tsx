import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { CaseRegistry } from '@relance/contracts/registry';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { caseRegistryOptions, downloadDeclaration, useAdoptRegisteredAddress, useMarkClaimDeclared } from '../api/registry.ts';
import { casesMessages } from '../messages.ts';

type Declaration = CaseRegistry['declarations'][number];

/**
 * What the company registry says of the debtor company (issue 23): its status, collective
 * proceedings (collection stopped, L622-21) with the claim to declare by its deadline, and what
 * differs from what the creditor sent, with the registered address to adopt in one click.
 */
export function RegistryCard({ caseId, canWork, currency, today }: { caseId: string; canWork: boolean; currency: string; today: string }) {
  const t = useT(casesMessages);
  const query = useQuery(caseRegistryOptions(caseId));
  const adopt = useAdoptRegisteredAddress(caseId);
  const registry = query.data;
  if (!registry || registry.siren === null) return query.isError ? <ErrorState error={query.error} /> : null;
  const { company } = registry;
  return (
    <Paper p="md" data-testid="registry-card" data-flag={registry.flag ?? ''}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('registry.title')}</Title>
        <Group gap="xs">
          {registry.flag === 'insolvency_proceedings' && <Badge color="red">{t('registry.flag.insolvency')}</Badge>}
          {registry.flag === 'company_ceased' && <Badge color="orange">{t('registry.flag.ceased')}</Badge>}
          {company?.status === 'active' && registry.flag === null && <Badge color="teal" variant="light">{t('registry.active')}</Badge>}
        </Group>
      </Group>
      {company === null ? (
        <Text size="sm" c="dimmed">
          {t('registry.pending', { siren: registry.siren })}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            <b>{company.name}</b> · SIREN {company.siren}
            {company.legalForm ? ` · ${company.legalForm}` : ''}
            {company.nafCode ? ` · NAF ${company.nafCode}` : ''}
            {company.createdOn ? ` · ${t('registry.createdOn', { date: formatDate(company.createdOn, t.locale) })}` : ''}
          </Text>
          {company.address && (
            <Text size="sm" c="dimmed">
              {t('registry.office', { address: `${company.address.line1}, ${company.address.postalCode} ${company.address.city}` })}
              {company.addressSince ? ` (${t('registry.since', { date: formatDate(company.addressSince, t.locale) })})` : ''}
            </Text>
          )}
          {registry.paused && (
            <Alert color="red" data-testid="registry-paused" title={t('registry.paused.title')}>
              <Text size="sm">{t('registry.paused.text')}</Text>
            </Alert>
          )}
          {registry.flag === 'company_ceased' && (
            <Alert color="orange" data-testid="registry-ceased">
              <Text size="sm">{t('registry.ceased.text')}</Text>
            </Alert>
          )}
          {registry.differences.map((difference) => (
            <Group key={difference.field} gap="xs" data-testid={`registry-difference-${difference.field}`}>
              <Text size="sm">
                {t(difference.field === 'name' ? 'registry.difference.name' : 'registry.difference.address', { sent: difference.sent ?? '—', registered: difference.registered })}
              </Text>
              {difference.field === 'address' && canWork && registry.canAdoptAddress && (
                <Button size="xs" variant="light" loading={adopt.isPending} onClick={() => adopt.mutate(undefined)} data-testid="registry-adopt-address">
                  {t('registry.adoptAddress')}
                </Button>
              )}
            </Group>
          ))}
          {adopt.error != null && <ErrorState error={adopt.error} />}
          {registry.declarations.length > 0 && <DeclarationsTable caseId={caseId} declarations={registry.declarations} canWork={canWork} currency={currency} today={today} />}
        </Stack>
      )}
    </Paper>
  );
}

function DeclarationsTable({ caseId, declarations, canWork, currency, today }: { caseId: string; declarations: Declaration[]; canWork: boolean; currency: string; today: string }) {
  const t = useT(casesMessages);
  return (
    <Stack gap="xs" data-testid="claim-declarations">
      <Text size="sm" fw={600}>
        {t('registry.declaration.task')}
      </Text>
      {declarations.map((declaration) => (
        <DeclarationRow key={declaration.id} caseId={caseId} declaration={declaration} canWork={canWork} currency={currency} today={today} />
      ))}
    </Stack>
  );
}

function DeclarationRow({ caseId, declaration, canWork, currency, today }: { caseId: string; declaration: Declaration; canWork: boolean; currency: string; today: string }) {
  const t = useT(casesMessages);
  const mark = useMarkClaimDeclared(caseId);
  const [declaredOn, setDeclaredOn] = useState(today);
  const { proceeding } = declaration;
  const late = declaration.status === 'to_declare' && declaration.dueOn < today;
  return (
    <Paper withBorder p="sm" data-testid="claim-declaration" data-status={declaration.status}>
      <Text size="sm">{t('registry.declaration.to', { mandataire: proceeding.mandataire?.name ?? t('registry.declaration.mandataireUnknown') })}</Text>
      <Text size="xs" c="dimmed">
        {t.dyn(`registry.proceeding.${proceeding.type}`, proceeding.type)} · {t('registry.declaration.judgment', { date: formatDate(proceeding.judgmentDate, t.locale) })}
        {proceeding.publicationDate ? ` · BODACC ${formatDate(proceeding.publicationDate, t.locale)}` : ''}
        {proceeding.mandataire?.address ? ` · ${proceeding.mandataire.address}` : ''}
      </Text>
      <Group gap="sm" mt={6} wrap="wrap">
        <Badge color={declaration.status === 'declared' ? 'teal' : late ? 'red' : 'orange'} variant="light" data-testid="claim-declaration-due">
          {declaration.status === 'declared' && declaration.declaredOn
            ? t('registry.declaration.declaredOn', { date: formatDate(declaration.declaredOn, t.locale) })
            : `${t('registry.declaration.due')} ${formatDate(declaration.dueOn, t.locale)}`}
        </Badge>
        <Text size="sm">
          {t('registry.declaration.amount')} : {formatMoney(declaration.amountCents, currency, t.locale)}
        </Text>
        {declaration.documentId && (
          <Button size="xs" variant="light" onClick={() => void downloadDeclaration(caseId, declaration.documentId as string)} data-testid="claim-declaration-pdf">
            {t('registry.declaration.pdf')}
          </Button>
        )}
        {canWork && declaration.status === 'to_declare' && (
          <Group gap="xs" wrap="nowrap">
            <TextInput size="xs" type="date" value={declaredOn} max={today} onChange={(event) => setDeclaredOn(event.currentTarget.value)} aria-label={t('registry.declaration.on')} />
            <Button size="xs" loading={mark.isPending} onClick={() => mark.mutate({ declarationId: declaration.id, declaredOn })} data-testid="claim-declaration-mark">
              {t('registry.declaration.mark')}
            </Button>
          </Group>
        )}
      </Group>
      {mark.error != null && <ErrorState error={mark.error} />}
    </Paper>
  );
}
