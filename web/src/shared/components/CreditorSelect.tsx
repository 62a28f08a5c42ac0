import { NativeSelect } from '@mantine/core';
import type { Creditor } from '@relance/contracts/creditors';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n.ts';
import { creditorKeys } from '../query-keys.ts';
import { api } from '../session.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Creditor choices for staff screens (imports, dashboard, case filter). */
export function useCreditorOptions(enabled = true) {
  return useQuery({
    queryKey: creditorKeys.options,
    queryFn: () => api<Page<Creditor>>('/api/v1/creditors?limit=200'),
    enabled,
    staleTime: 60_000,
  });
}

export function CreditorSelect({
  value,
  onChange,
  allowAll = false,
  label,
  testId,
  error,
}: {
  value: string;
  onChange: (creditorId: string) => void;
  allowAll?: boolean;
  label?: string;
  testId?: string;
  error?: string | null;
}) {
  const t = useT();
  const creditors = useCreditorOptions();
  const options = [
    { value: '', label: allowAll ? t('common.allCreditors') : t('common.chooseCreditor') },
    ...(creditors.data?.items ?? []).map((creditor) => ({ value: creditor.id, label: creditor.brand.displayName })),
  ];
  return (
    <NativeSelect
      label={label}
      aria-label={label ? undefined : t('common.creditor')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={options}
      data-testid={testId}
      disabled={creditors.isLoading}
      error={error}
      miw={220}
    />
  );
}
