import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DecideRgpdRequestBody, RgpdRequest } from '@relance/contracts/rgpd';
import { useState } from 'react';
import { ValidationDetails } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useDecideRgpdRequest } from '../api/rgpd.ts';
import { rgpdMessages } from '../messages.ts';
import { RectifyForm } from './RectifyForm.tsx';
import { RequestStatusBadge } from './RequestStatusBadge.tsx';

/** A request's details and, while it is pending, the decisions its kind allows (or the decision taken). */
export function DecisionModal({ request, onClose }: { request: RgpdRequest; onClose: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const decide = useDecideRgpdRequest();
  const [decided, setDecided] = useState<RgpdRequest | null>(request.status === 'pending' ? null : request);

  function send(body: DecideRgpdRequestBody) {
    decide.mutate(
      { id: request.id, body },
      {
        onSuccess: (result) => {
          setDecided(result);
          notifications.show({ color: result.status === 'refused' ? 'orange' : 'teal', message: t('rgpd.decide.decided'), autoClose: 3000 });
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('rgpd.decide.title', { requester: request.requesterName })} size="xl" data-testid="rgpd-decision">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Info label={t('rgpd.col.kind')} value={t.dyn(`rgpd.kind.${request.kind}`, request.kind)} />
          <Info label={t('rgpd.col.case')} value={`${request.caseReference} · ${request.debtorName}`} />
          <Info label={t('rgpd.col.due')} value={formatDate(request.dueOn, t.locale)} />
        </SimpleGrid>
        <Paper withBorder p="sm" bg="gray.0">
          <Text size="xs" c="dimmed">
            {t('rgpd.decide.details')} · {t.dyn(`rgpd.channel.${request.channel}`, request.channel)} ·{' '}
            {t('rgpd.receivedShort', { date: formatDate(request.receivedOn, t.locale) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="rgpd-details">
            {request.details}
          </Text>
          {request.recordedBy && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('rgpd.recordedBy', { name: request.recordedBy, date: formatDateTime(request.recordedAt, t.locale) })}
            </Text>
          )}
        </Paper>

        {decided ? (
          <Decided request={decided} />
        ) : (
          <>
            {request.kind === 'access' && (
              <Stack gap="xs">
                <Text size="sm">{t('rgpd.decide.answerHelp')}</Text>
                <Group>
                  <Button onClick={() => send({ decision: 'answer' })} loading={decide.isPending} data-testid="rgpd-answer">
                    {t('rgpd.decide.answer')}
                  </Button>
                </Group>
              </Stack>
            )}
            {request.kind === 'rectification' && <RectifyForm caseId={request.caseId} pending={decide.isPending} onSubmit={(changes) => send({ decision: 'rectify', changes })} />}
            {request.kind === 'erasure' && (
              <EraseAction claimOpen={request.claimOpen} pending={decide.isPending} onErase={() => send({ decision: 'erase' })} />
            )}
            <RefuseAction pending={decide.isPending} onRefuse={(reason) => send({ decision: 'refuse', reason })} />
            {decide.isError && (
              <Alert color="red">
                {errorMessage(decide.error)}
                <ValidationDetails error={decide.error} />
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}

function Info({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Stack>
  );
}

function Decided({ request }: { request: RgpdRequest }) {
  const t = useT(rgpdMessages, staffMessages);
  return (
    <Stack gap="xs" data-testid="rgpd-decided">
      <Group gap="sm">
        <RequestStatusBadge request={request} />
        {request.decidedAt && request.decidedBy && (
          <Text size="sm" c="dimmed">
            {t('rgpd.decide.by', { date: formatDateTime(request.decidedAt, t.locale), name: request.decidedBy })}
          </Text>
        )}
      </Group>
      {request.refusal && (
        <Alert color="orange" title={t('rgpd.decide.refusedNotice')} data-testid="rgpd-refusal">
          {request.refusal.reason}
        </Alert>
      )}
      {request.rectifiedFields && (
        <Text size="sm">{t('rgpd.decide.fields', { fields: request.rectifiedFields.map((field) => t.dyn(`rgpd.field.${field}`, field)).join(', ') })}</Text>
      )}
    </Stack>
  );
}

/** Erasure asks for a confirmation; while the claim is being collected the screen says it will be refused (art. 17(3)(e)). */
function EraseAction({ claimOpen, pending, onErase }: { claimOpen: boolean; pending: boolean; onErase: () => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const [confirmErase, setConfirmErase] = useState(false);
  return (
    <Stack gap="xs">
      <Text size="sm">{t('rgpd.decide.eraseHelp')}</Text>
      {claimOpen && (
        <Alert color="orange" data-testid="rgpd-claim-open">
          {t('rgpd.decide.claimOpen')}
        </Alert>
      )}
      {confirmErase ? (
        <Group>
          <Text size="sm" fw={600}>
            {t('rgpd.decide.eraseConfirm')}
          </Text>
          <Button color="red" onClick={onErase} loading={pending} data-testid="rgpd-erase-confirm">
            {t('rgpd.decide.erase')}
          </Button>
          <Button variant="default" onClick={() => setConfirmErase(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Button color="red" variant="light" onClick={() => setConfirmErase(true)} data-testid="rgpd-erase">
            {t('rgpd.decide.erase')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Any request may be refused, with a reason the debtor is told. */
function RefuseAction({ pending, onRefuse }: { pending: boolean; onRefuse: (reason: string) => void }) {
  const t = useT(rgpdMessages, staffMessages);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);

  function refuse() {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    onRefuse(reason.trim());
  }

  return (
    <Stack gap={6} mt="sm">
      <Textarea
        label={t('rgpd.decide.refuseReason')}
        autosize
        minRows={2}
        maxLength={2000}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setReasonMissing(false);
        }}
        error={reasonMissing ? t('rgpd.decide.reasonRequired') : null}
        data-testid="rgpd-refuse-reason"
      />
      <Group>
        <Button color="orange" variant="light" onClick={refuse} loading={pending} data-testid="rgpd-refuse">
          {t('rgpd.decide.refuse')}
        </Button>
      </Group>
    </Stack>
  );
}
