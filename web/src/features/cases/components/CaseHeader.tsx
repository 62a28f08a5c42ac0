import { Badge, ColorSwatch, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@relance/contracts/cases';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { casesMessages } from '../messages.ts';
import { CaseActions, CaseFlagBadges, CaseHeaderContacts } from './CaseActions.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Who the debtor is, the case's reference and age, its flags, the staff actions and the creditor's brand. */
export function CaseHeader({ detail, canWork, isManager }: { detail: CaseDetail; canWork: boolean; isManager: boolean }) {
  const t = useT(casesMessages);
  const { debtor } = detail;
  return (
    <Paper p="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} fz={24} data-testid="case-debtor-name">
              {debtor.displayName}
            </Title>
            <StatusBadge status={detail.status} outcome={detail.closedOutcome} />
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
  );
}
