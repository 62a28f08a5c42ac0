import { Alert, Button, Checkbox, List, Stack, Text, Textarea } from '@mantine/core';
import type { GateOverride } from '@relance/contracts/contact-rules';
import { useState } from 'react';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { messagesFeatureMessages } from '../messages.ts';
import { type GateRefusal, overrideNeeded } from './gate-refusal.ts';

/**
 * Why the legal gate refused or deferred a send, in words: its message, every reason, and for a
 * deferral the instant it becomes possible. A manager gets the override form when the refusal stands
 * only on the contact window and/or the cap.
 */
export function GateRefusalAlert({
  refusal,
  canOverride,
  overriding,
  onOverride,
}: {
  refusal: GateRefusal;
  canOverride: boolean;
  overriding?: boolean;
  onOverride?: (override: GateOverride) => void;
}) {
  const t = useT(messagesFeatureMessages);
  const lifts = canOverride && onOverride ? overrideNeeded(refusal) : null;
  const deferred = refusal.decision === 'deferred';
  return (
    <Alert
      color={deferred ? 'yellow' : 'red'}
      variant="light"
      title={deferred ? t('messages.gate.deferredTitle') : t('messages.gate.refusedTitle')}
      data-testid="gate-refusal"
      data-code={refusal.code}
      data-decision={refusal.decision}
    >
      <Stack gap={6}>
        <Text size="sm">{refusal.message}</Text>
        <Text size="xs" fw={600}>
          {t('messages.gate.reasons')}
        </Text>
        <List size="sm" spacing={2}>
          {refusal.reasons.map((reason) => (
            <List.Item key={reason.code} data-testid="gate-reason" data-code={reason.code}>
              {fill(t.dyn(`messages.gate.reason.${reason.code}`, reason.code), reason.params)}
            </List.Item>
          ))}
        </List>
        {deferred && refusal.until && (
          <Text size="sm" data-testid="gate-until">
            {t('messages.gate.until', { date: formatDateTime(refusal.until, t.locale) })}
          </Text>
        )}
        {lifts && onOverride && <OverrideForm lifts={lifts} pending={overriding ?? false} onOverride={onOverride} />}
      </Stack>
    </Alert>
  );
}

/** The reason's parameters ({start}, {cap}...) in its text. */
function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** A manager lifts the window and/or the cap, with a written reason (kept in the audit trail). */
function OverrideForm({ lifts, pending, onOverride }: { lifts: { window: boolean; cap: boolean }; pending: boolean; onOverride: (override: GateOverride) => void }) {
  const t = useT(messagesFeatureMessages);
  const [window, setWindow] = useState(lifts.window);
  const [cap, setCap] = useState(lifts.cap);
  const [reason, setReason] = useState('');
  const complete = reason.trim().length >= 5 && (!lifts.window || window) && (!lifts.cap || cap);
  return (
    <Stack gap={6} mt="xs" data-testid="gate-override">
      <Text size="sm" fw={600}>
        {t('messages.override.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('messages.override.help')}
      </Text>
      {lifts.window && (
        <Checkbox size="xs" label={t('messages.override.window')} checked={window} onChange={(e) => setWindow(e.currentTarget.checked)} data-testid="gate-override-window" />
      )}
      {lifts.cap && <Checkbox size="xs" label={t('messages.override.cap')} checked={cap} onChange={(e) => setCap(e.currentTarget.checked)} data-testid="gate-override-cap" />}
      <Textarea
        size="xs"
        required
        autosize
        minRows={2}
        label={t('messages.override.reason')}
        description={t('messages.override.reasonHelp')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="gate-override-reason"
      />
      <Button
        size="xs"
        color="orange"
        disabled={!complete}
        loading={pending}
        onClick={() => onOverride({ ...(window ? { window: true } : {}), ...(cap ? { cap: true } : {}), reason: reason.trim() })}
        data-testid="gate-override-submit"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('messages.override.submit')}
      </Button>
    </Stack>
  );
}
