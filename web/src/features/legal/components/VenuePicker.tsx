import { Select } from '@mantine/core';
import type { LegalActionKindDto } from '@relance/contracts/legal-actions';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { legalMessages } from '../messages.ts';
import { commissaireListOptions, courtListOptions } from '../settings/api.ts';

/**
 * The court (injonction de payer) or the commissaire (petites créances, enforcement) chosen by hand
 * when the directory found none for the debtor's address: a searchable list from the directory.
 * The server checks the court's kind against the parties (422 legal_court_wrong_kind).
 */
export function VenuePicker({ kind, value, onChange }: { kind: LegalActionKindDto; value: string | null; onChange: (id: string | null) => void }) {
  const t = useT(legalMessages);
  const [search, setSearch] = useState('');
  const courts = useInfiniteQuery({ ...courtListOptions({ q: search, kind: '', postalCode: '' }), enabled: kind === 'injonction_de_payer' });
  const commissaires = useQuery({ ...commissaireListOptions({ q: '', district: '', active: 'true' }), enabled: kind !== 'injonction_de_payer' });
  const data =
    kind === 'injonction_de_payer'
      ? (courts.data?.pages.flatMap((page) => page.items) ?? []).map((court) => ({ value: court.id, label: `${court.name} (${court.city})` }))
      : (commissaires.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.etude} — ${item.name} (${item.city})` }));
  return (
    <Select
      searchable
      clearable
      label={kind === 'injonction_de_payer' ? t('legal.chooseCourt') : t('legal.chooseCommissaire')}
      description={t('legal.chooseVenueHelp')}
      placeholder={t('legal.chooseVenuePlaceholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={kind === 'injonction_de_payer' ? search : undefined}
      onSearchChange={kind === 'injonction_de_payer' ? setSearch : undefined}
      nothingFoundMessage={t('legal.chooseVenueNone')}
      data-testid="legal-venue-picker"
    />
  );
}
