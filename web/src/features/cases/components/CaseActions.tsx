import { Alert, Badge, Button, Group, Kbd, Menu, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { CaseDetail } from '@relance/contracts/cases';
import { useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useCancelCallback } from '../api/case-work.ts';
import { casesMessages } from '../messages.ts';
import { type CaseDialog, CaseWorkDialog } from './CaseWorkDialogs.tsx';

/**
 * The case's actions (status with a reason, callback, contact, dispute, vulnerability) in one
 * menu, opened with the button or the "a" key; each opens its dialog. Managers also resolve a
 * dispute and lift a vulnerability flag.
 */
export function CaseActions({ detail, isManager }: { detail: CaseDetail; isManager: boolean }) {
  const t = useT(casesMessages);
  const [menuOpen, setMenuOpen] = useState(false);
  const [dialog, setDialog] = useState<CaseDialog | null>(null);
  const closed = detail.status === 'closed';
  const cancelCallback = useCancelCallback(detail.id);
  useHotkeys([
    ['a', () => setMenuOpen(true)],
    ['r', () => !closed && setDialog('callback')],
  ]);
  return (
    <>
      <Menu opened={menuOpen} onChange={setMenuOpen} position="bottom-end" shadow="md" width={260}>
        <Menu.Target>
          <Button variant="light" rightSection={<Kbd size="xs">a</Kbd>} data-testid="case-actions">
            {t('caseWork.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="case-actions-menu">
          <Menu.Item onClick={() => setDialog('status')} disabled={closed} data-testid="action-status">
            {t('caseWork.changeStatus')}
          </Menu.Item>
          <Menu.Item onClick={() => setDialog('callback')} disabled={closed} data-testid="action-callback">
            {t('caseWork.scheduleCallback')}
          </Menu.Item>
          {detail.callbackDueAt && (
            <Menu.Item
              onClick={() =>
                cancelCallback.mutate(undefined, { onSuccess: () => notifications.show({ color: 'violet', message: t('caseWork.callbackCancelled') }) })
              }
              data-testid="action-cancel-callback"
            >
              {t('caseWork.cancelCallback')}
            </Menu.Item>
          )}
          <Menu.Item onClick={() => setDialog('contact')} data-testid="action-contact">
            {t('caseWork.addContact')}
          </Menu.Item>
          <Menu.Divider />
          {detail.dispute ? (
            isManager && (
              <Menu.Item color="orange" onClick={() => setDialog('resolveDispute')} data-testid="action-resolve-dispute">
                {t('caseWork.resolveDispute')}
              </Menu.Item>
            )
          ) : (
            <Menu.Item color="orange" onClick={() => setDialog('dispute')} disabled={closed} data-testid="action-dispute">
              {t('caseWork.flagDispute')}
            </Menu.Item>
          )}
          {detail.vulnerability ? (
            isManager && (
              <Menu.Item color="pink" onClick={() => setDialog('liftVulnerable')} data-testid="action-lift-vulnerable">
                {t('caseWork.liftVulnerable')}
              </Menu.Item>
            )
          ) : (
            <Menu.Item color="pink" onClick={() => setDialog('vulnerable')} data-testid="action-vulnerable">
              {t('caseWork.flagVulnerable')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {cancelCallback.isError && (
        <Alert color="red" variant="light" mt="xs" data-testid="cancel-callback-error">
          {errorMessage(cancelCallback.error)}
        </Alert>
      )}
      <CaseWorkDialog detail={detail} dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}

/** Badges of the case header: open dispute, vulnerability, callback due, prescription date. */
export function CaseFlagBadges({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  const prescription = detail.prescription;
  return (
    <Group gap={6} data-testid="case-flags">
      {detail.dispute && (
        <Badge color="orange" variant="filled" data-testid="flag-dispute">
          {t('caseWork.badgeDispute')}
        </Badge>
      )}
      {detail.vulnerable && (
        <Badge color="pink" variant="filled" data-testid="flag-vulnerable">
          {t('caseWork.badgeVulnerable')}
        </Badge>
      )}
      {detail.callbackDueAt && (
        <Badge color="violet" variant="light" data-testid="flag-callback" styles={{ label: { textTransform: 'none' } }}>
          {t('caseWork.badgeCallback', { at: formatDateTime(detail.callbackDueAt, t.locale) })}
        </Badge>
      )}
      {prescription && (
        <Badge
          color={prescription.prescribed ? 'red' : prescription.withinWarning ? 'orange' : 'gray'}
          variant="light"
          data-testid="flag-prescription"
          data-date={prescription.date}
          styles={{ label: { textTransform: 'none' } }}
          title={prescription.movedBy.map((move) => `${formatDate(move.date, t.locale)} · ${move.article}`).join('\n') || prescription.basis}
        >
          {prescription.prescribed
            ? t('caseWork.prescribed', { date: formatDate(prescription.date, t.locale) })
            : t('caseWork.prescriptionOn', { date: formatDate(prescription.date, t.locale) })}
          {prescription.movedBy.length > 0 ? ` · ${t('caseWork.prescriptionMoved')}` : ''}
          {!prescription.prescribed && prescription.prescribedClaims > 0 ? ` · ${t('caseWork.prescribedClaims', { count: prescription.prescribedClaims })}` : ''}
        </Badge>
      )}
    </Group>
  );
}

/** What stops contact on this case, said plainly at the top of the screen. */
export function CaseFlagAlerts({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  if (!detail.dispute && !detail.vulnerability) return null;
  return (
    <Stack gap="xs">
      {detail.dispute && (
        <Alert color="orange" variant="light" title={t('caseWork.disputeOpenTitle')} data-testid="dispute-alert">
          <Text size="sm">
            {t('caseWork.disputeOpenText', {
              date: formatDateTime(detail.dispute.openedAt, t.locale),
              who: detail.dispute.openedVia === 'portal' ? t('caseWork.disputeByDebtor') : (detail.dispute.openedByName ?? t('case.system')),
              reason: detail.dispute.reason,
            })}
          </Text>
        </Alert>
      )}
      {detail.vulnerability && (
        <Alert color="pink" variant="light" title={t('caseWork.vulnerableTitle')} data-testid="vulnerable-alert">
          <Text size="sm">
            {t('caseWork.vulnerableText', {
              date: formatDateTime(detail.vulnerability.since, t.locale),
              who: detail.vulnerability.flaggedByName ?? t('case.system'),
            })}
          </Text>
          {detail.vulnerability.note && (
            <Text size="sm" mt={4} fs="italic">
              {detail.vulnerability.note}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

/** The debtor's phones and e-mails at a glance in the header, each with its validity (invalid ones struck through). */
export function CaseHeaderContacts({ detail }: { detail: CaseDetail }) {
  const t = useT(casesMessages);
  const entries = [
    ...detail.debtor.phones.map((phone) => ({ id: phone.id, kind: 'phone' as const, value: phone.phone, valid: phone.valid })),
    ...detail.debtor.emails.map((email) => ({ id: email.id, kind: 'email' as const, value: email.email, valid: email.valid })),
  ];
  if (entries.length === 0) {
    return (
      <Text size="sm" c="orange.9" data-testid="header-no-contact">
        {t('case.noContact')}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid="header-contacts">
      {entries.map((entry) => (
        <Badge
          key={entry.id}
          size="sm"
          variant="dot"
          color={entry.valid ? 'teal' : 'red'}
          title={entry.valid ? t('common.valid') : t('common.invalid')}
          styles={{ label: { textTransform: 'none', fontWeight: 500, textDecoration: entry.valid ? undefined : 'line-through' } }}
          data-testid="header-contact"
          data-valid={entry.valid}
        >
          {entry.kind === 'phone' ? '☎ ' : '✉ '}
          {entry.value}
        </Badge>
      ))}
    </Group>
  );
}
