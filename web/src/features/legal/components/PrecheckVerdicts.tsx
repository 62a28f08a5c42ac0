import { Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { CommissaireRefDto, CourtRef, LegalCheckDto, LegalPrecheckDto } from '@relance/contracts/legal-actions';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { legalMessages } from '../messages.ts';

const statusColors = { pass: 'teal', warn: 'orange', fail: 'red' } as const;
const statusGlyphs = { pass: '✓', warn: '!', fail: '✕' } as const;

/** Each pre-check's verdict, in words (the server's message, in the user's language). */
export function CheckList({ checks }: { checks: readonly LegalCheckDto[] }) {
  const t = useT(legalMessages);
  return (
    <Stack gap={6} data-testid="legal-checks" role="list">
      {checks.map((check) => (
        <Group key={check.check} gap="sm" wrap="nowrap" align="flex-start" role="listitem" data-testid="legal-check" data-check={check.check} data-status={check.status}>
          <Badge color={statusColors[check.status]} variant={check.status === 'pass' ? 'light' : 'filled'} w={96} style={{ flexShrink: 0 }} styles={{ label: { textTransform: 'none' } }}>
            {statusGlyphs[check.status]} {t(`legal.check.${check.status}`)}
          </Badge>
          <Text size="sm">
            <Text span fw={600}>
              {t.dyn(`legal.checkName.${check.check}`, check.check)}
            </Text>{' '}
            — {check.message}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Claims included, excluded (prescribed, not due) and prescribing soon; the court and commissaire found. */
export function PrecheckDetails({
  precheck,
  currency = 'EUR',
}: {
  precheck: Pick<LegalPrecheckDto, 'kind' | 'includedClaims' | 'excludedClaims' | 'imminentClaims' | 'claimedCents' | 'court' | 'commissaire'>;
  currency?: string;
}) {
  const t = useT(legalMessages);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="legal-precheck-details">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('legal.claimed')}
        </Text>
        <Text fw={700} size="lg" data-testid="legal-claimed">
          {formatMoney(precheck.claimedCents, currency, t.locale)}
        </Text>
        <Text size="sm">
          {t('legal.labelled', { label: t('legal.includedClaims'), value: precheck.includedClaims.join(', ') || t('common.none') })}
        </Text>
        {precheck.excludedClaims.length > 0 && (
          <Text size="sm" c="red.8" data-testid="legal-excluded">
            {t('legal.labelled', { label: t('legal.excludedClaims'), value: precheck.excludedClaims.map((claim) => `${claim.ref} (${t(`legal.excluded.${claim.reason}`)})`).join(', ') })}
          </Text>
        )}
        {precheck.imminentClaims.length > 0 && (
          <Text size="sm" c="orange.9" data-testid="legal-imminent">
            {t('legal.labelled', { label: t('legal.imminentClaims'), value: precheck.imminentClaims.map((claim) => `${claim.ref} (${t('legal.imminentOn', { date: formatDate(claim.prescriptionDate, t.locale) })})`).join(', ') })}
          </Text>
        )}
      </Stack>
      <Venue court={precheck.court} commissaire={precheck.commissaire} kind={precheck.kind} />
    </SimpleGrid>
  );
}

function Venue({ court, commissaire, kind }: { court: CourtRef | null; commissaire: CommissaireRefDto | null; kind: LegalPrecheckDto['kind'] }) {
  const t = useT(legalMessages);
  const wantsCourt = kind === 'injonction_de_payer';
  return (
    <Stack gap={4} data-testid="legal-venue">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {wantsCourt ? t('legal.court') : t('legal.commissaire')}
      </Text>
      {wantsCourt ? (
        court ? (
          <List size="sm" listStyleType="none" data-testid="legal-court">
            <List.Item fw={600}>{court.name}</List.Item>
            <List.Item>{court.addressLine1}</List.Item>
            <List.Item>
              {court.postalCode} {court.city}
            </List.Item>
          </List>
        ) : (
          <Text size="sm" c="orange.9">
            {t('legal.noCourt')}
          </Text>
        )
      ) : commissaire ? (
        <List size="sm" listStyleType="none" data-testid="legal-commissaire">
          <List.Item fw={600}>
            {commissaire.etude} — {commissaire.name}
          </List.Item>
          <List.Item>{commissaire.addressLine1}</List.Item>
          <List.Item>
            {commissaire.postalCode} {commissaire.city}
          </List.Item>
        </List>
      ) : (
        <Text size="sm" c="orange.9">
          {t('legal.noCommissaire')}
        </Text>
      )}
    </Stack>
  );
}
