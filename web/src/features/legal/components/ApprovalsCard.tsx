import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LegalActionDto } from '@relance/contracts/legal-actions';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useDecideLegalAction } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';

type Party = 'creditor' | 'agency';

/** The party the signed-in user decides for: a creditor's user for the creditor, a manager or admin for the agency. */
export function usePartyOfUser(): Party | null {
  const user = useUser();
  // A creditor's read-only user (viewer) decides nothing: the API refuses it, the screen offers nothing.
  if (user.role === 'creditor') return user.creditorRole === 'viewer' ? null : 'creditor';
  if (user.role === 'manager' || user.role === 'admin') return 'agency';
  return null;
}

/** Who approved, who refused (with the reason), who is still awaited; the user's own decision buttons. */
export function ApprovalsCard({ action }: { action: Pick<LegalActionDto, 'id' | 'stage' | 'approvals' | 'awaiting'> }) {
  const t = useT(legalMessages);
  const party = usePartyOfUser();
  const mayDecide = action.stage === 'proposed' && party !== null && action.awaiting.includes(party);
  return (
    <Stack gap="xs" data-testid="legal-approvals">
      {(['creditor', 'agency'] as const).map((side) => {
        const approval = action.approvals.find((entry) => entry.party === side);
        return (
          <Group key={side} gap="sm" wrap="nowrap" data-testid="legal-approval" data-party={side} data-decision={approval?.decision ?? 'awaiting'}>
            <Text size="sm" fw={600} w={90}>
              {t(`legal.party.${side}`)}
            </Text>
            {approval ? (
              <>
                <Badge color={approval.decision === 'approve' ? 'teal' : 'red'} variant="light" styles={{ label: { textTransform: 'none' } }}>
                  {approval.decision === 'approve' ? t('legal.approved') : t('legal.refusedDecision')}
                </Badge>
                <Text size="xs" c="dimmed">
                  {approval.via === 'mandate'
                    ? t('legal.via.mandate')
                    : t('legal.decidedBy', { who: approval.decidedBy ?? '—', date: formatDateTime(approval.decidedAt, t.locale) })}
                  {approval.via === 'api_key' ? ` · ${t('legal.via.api_key')}` : ''}
                  {approval.reason ? ` · ${t('legal.quoted', { text: approval.reason })}` : ''}
                </Text>
              </>
            ) : (
              <Badge color={action.stage === 'proposed' ? 'yellow' : 'gray'} variant="outline" styles={{ label: { textTransform: 'none' } }}>
                {t('legal.waiting')}
              </Badge>
            )}
          </Group>
        );
      })}
      {mayDecide && <DecisionButtons actionId={action.id} />}
    </Stack>
  );
}

/** Approve at once; refuse through a dialog that asks the reason. */
export function DecisionButtons({ actionId }: { actionId: string }) {
  const t = useT(legalMessages);
  const decide = useDecideLegalAction(actionId);
  const [refusing, setRefusing] = useState(false);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          color="teal"
          loading={decide.isPending && decide.variables?.decision === 'approve'}
          onClick={() => decide.mutate({ decision: 'approve' }, { onSuccess: () => notifications.show({ color: 'teal', message: t('legal.approvedToast') }) })}
          data-testid="legal-approve"
        >
          {t('legal.approve')}
        </Button>
        <Button color="red" variant="light" onClick={() => setRefusing(true)} data-testid="legal-refuse">
          {t('legal.refuse')}
        </Button>
      </Group>
      {decide.isError && !refusing && <ErrorState error={decide.error} />}
      <Modal opened={refusing} onClose={() => setRefusing(false)} title={t('legal.refuseTitle')}>
        <RefuseForm decide={decide} onDone={() => setRefusing(false)} />
      </Modal>
    </Stack>
  );
}

function RefuseForm({ decide, onDone }: { decide: ReturnType<typeof useDecideLegalAction>; onDone: () => void }) {
  const t = useT(legalMessages);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < 3;
  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (tooShort) return;
    decide.mutate(
      { decision: 'refuse', reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'orange', message: t('legal.refusedToast') });
          onDone();
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="legal-refuse-form">
      <Stack gap="sm">
        <Textarea
          label={t('legal.refuseReason')}
          description={t('legal.refuseReasonHelp')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={touched && tooShort ? t('legal.refuseReasonHelp') : null}
          data-testid="legal-refuse-reason"
          data-autofocus
        />
        {decide.isError && <ErrorState error={decide.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={decide.isPending} data-testid="legal-refuse-confirm">
            {t('legal.refuseConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
