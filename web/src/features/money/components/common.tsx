import { Badge, Button, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { downloadDocument } from '../api/money.ts';
import { moneyMessages } from '../messages.ts';

/** Cents as euros, in the screen's language; zero shown dimmed so the figures that matter stand out. */
export function Amount({ cents, dimZero = false, strong = false, color }: { cents: number; dimZero?: boolean; strong?: boolean; color?: string }) {
  const t = useT();
  return (
    <Text span inherit fw={strong ? 700 : undefined} c={dimZero && cents === 0 ? 'dimmed' : color}>
      {formatMoney(cents, 'EUR', t.locale)}
    </Text>
  );
}

const entryColors: Record<string, string> = {
  matched: 'teal',
  unmatched: 'orange',
  reversal_applied: 'grape',
  reversal_unmatched: 'red',
  debit_confirmed: 'blue',
  debit_unmatched: 'red',
  foreign_currency: 'gray',
  returned: 'yellow',
};

/** A bank entry's status as a coloured badge (matched green, waiting orange, needs a human red). */
export function EntryStatusBadge({ status }: { status: string }) {
  const t = useT(moneyMessages);
  return (
    <Tooltip label={t.dyn(`entryStatus.${status}.help`, status)} withArrow openDelay={300}>
      <Badge color={entryColors[status] ?? 'gray'} variant="light" miw="max-content" data-testid="entry-status" data-status={status}>
        {t.dyn(`entryStatus.${status}`, status)}
      </Badge>
    </Tooltip>
  );
}

const flowColors: Record<string, string> = { draft: 'gray', sent: 'blue', confirmed: 'teal', manual: 'orange', paid_by_hand: 'teal' };

/** A run's, remittance's or refund's progress: draft → sent to the bank → debit confirmed. */
export function FlowStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useT(moneyMessages);
  return (
    <Badge color={flowColors[status] ?? 'gray'} variant="light" miw="max-content" data-testid={testId} data-status={status}>
      {t.dyn(`flow.${status}`, status)}
    </Badge>
  );
}

/** Fetches one API document (PDF, XML) with the session's token; a failure is said in a toast. */
export function DownloadButton({ url, name, label, testId }: { url: string; name: string; label?: string; testId?: string }) {
  const t = useT(moneyMessages);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      await downloadDocument({ url, name });
    } catch (error) {
      notifications.show({ color: 'red', title: t('money.downloadFailed'), message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="compact-xs" variant="light" miw="max-content" loading={busy} onClick={() => void download()} data-testid={testId} data-url={url}>
      {label ?? t('money.download')}
    </Button>
  );
}
