import { Button, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LegalActionDto } from '@relance/contracts/legal-actions';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useChooseVenue } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';
import { VenuePicker } from './VenuePicker.tsx';

/** A proposal without a court (or commissaire): staff choose one before the approvals prepare the documents. */
export function VenueChoice({ action }: { action: Pick<LegalActionDto, 'id' | 'kind'> }) {
  const t = useT(legalMessages);
  const choose = useChooseVenue(action.id);
  const [venueId, setVenueId] = useState<string | null>(null);
  return (
    <Paper withBorder p="sm" data-testid="legal-venue-choice">
      <Stack gap="xs">
        <VenuePicker kind={action.kind} value={venueId} onChange={setVenueId} />
        {choose.isError && <ErrorState error={choose.error} />}
        <Group justify="flex-end">
          <Button
            size="xs"
            disabled={!venueId}
            loading={choose.isPending}
            onClick={() =>
              venueId &&
              choose.mutate(action.kind === 'injonction_de_payer' ? { courtId: venueId } : { commissaireId: venueId }, {
                onSuccess: () => notifications.show({ color: 'teal', message: t('legal.venueSaved') }),
              })
            }
            data-testid="legal-venue-save"
          >
            {t('legal.chooseVenueSave')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
