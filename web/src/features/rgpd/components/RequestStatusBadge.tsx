import { Badge } from '@mantine/core';
import type { RgpdRequest } from '@relance/contracts/rgpd';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { rgpdMessages } from '../messages.ts';

const colors = { pending: 'yellow', done: 'teal', refused: 'orange' } as const;

/** Pending, or how the request ended (answered, rectified, erased, refused). */
export function RequestStatusBadge({ request }: { request: Pick<RgpdRequest, 'status' | 'outcome'> }) {
  const t = useT(rgpdMessages, staffMessages);
  const label = request.outcome ? t.dyn(`rgpd.outcome.${request.outcome}`, request.outcome) : t.dyn(`rgpd.status.${request.status}`, request.status);
  return (
    <Badge color={colors[request.status]} variant="light" size="sm" miw="max-content" data-testid="rgpd-status">
      {label}
    </Badge>
  );
}
