import { Button, Group, NativeSelect, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { agentChoicesOptions, useBulkAssign } from '../api/case-assignment.ts';
import { casesMessages } from '../messages.ts';
import { BulkStatusButton } from './BulkStatusDialog.tsx';

const MAX_BULK = 500;

export type CaseSelection = { ids: ReadonlySet<string>; toggle: (id: string) => void; setAll: (ids: string[], on: boolean) => void; clear: () => void };

/** Managers only: the agents (names by id) and the rows checked for a bulk action. */
export function useManagerCaseTools(isManager: boolean) {
  const agents = useQuery(agentChoicesOptions(isManager));
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => setIds((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; }), []);
  const setAll = useCallback((all: string[], on: boolean) => setIds((s) => { const n = new Set(s); for (const id of all) if (on) n.add(id); else n.delete(id); return n; }), []);
  const clear = useCallback(() => setIds(new Set()), []);
  const choices = useMemo(() => (agents.data?.agents ?? []).map((a) => ({ value: a.agentId, label: a.name })), [agents.data]);
  const names = useMemo(() => new Map(choices.map((c) => [c.value, c.label])), [choices]);
  if (!isManager) return null;
  return { choices, agentName: (id: string | null) => (id ? (names.get(id) ?? '…') : null), selection: { ids, toggle, setAll, clear } satisfies CaseSelection };
}

/** The filter on the assigned agent ('none': no agent). */
export function AssignedToFilter({ value, choices, onChange }: { value: string; choices: { value: string; label: string }[]; onChange: (value: string) => void }) {
  const t = useT(casesMessages);
  return (
    <NativeSelect
      aria-label={t('cases.assignedTo')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: t('cases.assignedToAll') }, { value: 'none', label: t('cases.assignedToNone') }, ...choices]}
      data-testid="cases-assigned-filter"
    />
  );
}

/** Shown while rows are checked: give them to one agent (500 at most, all or nothing), or change their status. */
export function BulkAssignBar({ selection, choices }: { selection: CaseSelection; choices: { value: string; label: string }[] }) {
  const t = useT(casesMessages);
  const [agentId, setAgentId] = useState('');
  const assign = useBulkAssign();
  const count = selection.ids.size;
  if (count === 0) return null;
  const tooMany = count > MAX_BULK;
  const submit = () =>
    assign.mutate(
      { caseIds: [...selection.ids], agentId },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('cases.bulk.done', result) });
          selection.clear();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  return (
    <Paper p="sm" mb="sm" withBorder data-testid="bulk-bar">
      <Group gap="sm" align="center">
        <Text size="sm" fw={600} data-testid="bulk-count">{t('cases.bulk.selected', { count })}</Text>
        <NativeSelect aria-label={t('cases.bulk.agent')} value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)} data={[{ value: '', label: t('cases.bulk.chooseAgent') }, ...choices]} data-testid="bulk-agent" />
        <Button size="sm" onClick={submit} disabled={!agentId || tooMany} loading={assign.isPending} data-testid="bulk-assign">{t('cases.bulk.assign')}</Button>
        <BulkStatusButton selection={selection} disabled={tooMany} />
        <Button size="sm" variant="subtle" onClick={selection.clear}>{t('cases.bulk.clear')}</Button>
        {tooMany && <Text size="sm" c="red.8">{t('cases.bulk.max')}</Text>}
      </Group>
    </Paper>
  );
}
