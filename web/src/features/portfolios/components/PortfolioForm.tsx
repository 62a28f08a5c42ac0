import { Button, Group, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AgentWorkloadDto, CreatePortfolioBody, Portfolio } from '@relance/contracts/portfolios';
import { type FormEvent, useState } from 'react';
import { CreditorSelect } from '../../../shared/components/CreditorSelect.tsx';
import { ValidationDetails } from '../../../shared/components/states.tsx';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { useSavePortfolio } from '../api/portfolios.ts';
import { portfolioMessages } from '../messages.ts';

const DEPARTMENT = /^(\d{2}|2A|2B|97\d|98\d)$/;

type Draft = {
  name: string; creditorId: string; debtorKind: '' | 'company' | 'person';
  minEuros: number | ''; maxEuros: number | ''; minDays: number | ''; maxDays: number | ''; departments: string; memberIds: string[];
};

function draftOf(p: Portfolio | null): Draft {
  const euros = (cents: number | null | undefined) => (cents === null || cents === undefined ? '' : cents / 100);
  return {
    name: p?.name ?? '', creditorId: p?.creditorId ?? '', debtorKind: p?.debtorKind ?? '',
    minEuros: euros(p?.minBalanceCents), maxEuros: euros(p?.maxBalanceCents),
    minDays: p?.minDaysPastDue ?? '', maxDays: p?.maxDaysPastDue ?? '',
    departments: (p?.departments ?? []).join(', '), memberIds: p?.memberIds ?? [],
  };
}

/** The body, or the first thing to correct (a département not in the list). */
function bodyOf(d: Draft): CreatePortfolioBody | { invalidDepartment: string } {
  const departments = d.departments.split(/[\s,;]+/).map((x) => x.trim().toUpperCase()).filter(Boolean);
  const invalid = departments.find((x) => !DEPARTMENT.test(x));
  if (invalid) return { invalidDepartment: invalid };
  const cents = (euros: number | '') => (euros === '' ? null : Math.round(euros * 100));
  const days = (n: number | '') => (n === '' ? null : n);
  return {
    name: d.name.trim(), creditorId: d.creditorId || null, debtorKind: d.debtorKind || null,
    minBalanceCents: cents(d.minEuros), maxBalanceCents: cents(d.maxEuros), minDaysPastDue: days(d.minDays), maxDaysPastDue: days(d.maxDays),
    departments: departments.length > 0 ? [...new Set(departments)] : null, memberIds: d.memberIds,
  };
}

/** Create or edit a portfolio: its criteria (all optional, combined with "and") and its agents. */
export function PortfolioForm({ portfolio, agents, onDone }: { portfolio: Portfolio | null; agents: AgentWorkloadDto[]; onDone: () => void }) {
  const t = useT(portfolioMessages);
  const [draft, setDraft] = useState<Draft>(() => draftOf(portfolio));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSavePortfolio(portfolio?.id ?? null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const num = (value: string | number) => (value === '' ? '' : Number(value));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.name.trim()) return setProblem(t('portfolios.form.nameRequired'));
    const body = bodyOf(draft);
    if ('invalidDepartment' in body) return setProblem(t('portfolios.form.departmentsInvalid', { value: body.invalidDepartment }));
    setProblem(null);
    save.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('portfolios.saved') });
        onDone();
      },
    });
  };

  return (
    <form onSubmit={submit} data-testid="portfolio-form">
      <Stack gap="sm">
        <TextInput label={t('portfolios.form.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} required data-autofocus data-testid="portfolio-name" />
        <SimpleGrid cols={2}>
          <CreditorSelect value={draft.creditorId} onChange={(value) => set('creditorId', value)} allowAll label={t('portfolios.form.creditor')} testId="portfolio-creditor" />
          <NativeSelect
            label={t('portfolios.form.debtorKind')}
            value={draft.debtorKind}
            onChange={(e) => set('debtorKind', e.currentTarget.value as Draft['debtorKind'])}
            data={[{ value: '', label: t('portfolios.form.anyKind') }, { value: 'company', label: t('portfolios.criteria.company') }, { value: 'person', label: t('portfolios.criteria.person') }]}
            data-testid="portfolio-kind"
          />
          <NumberInput label={t('portfolios.form.minBalance')} value={draft.minEuros} onChange={(v) => set('minEuros', num(v))} min={0} decimalScale={2} decimalSeparator="," thousandSeparator=" " />
          <NumberInput label={t('portfolios.form.maxBalance')} value={draft.maxEuros} onChange={(v) => set('maxEuros', num(v))} min={0} decimalScale={2} decimalSeparator="," thousandSeparator=" " />
          <NumberInput label={t('portfolios.form.minDays')} value={draft.minDays} onChange={(v) => set('minDays', num(v))} min={0} allowDecimal={false} />
          <NumberInput label={t('portfolios.form.maxDays')} value={draft.maxDays} onChange={(v) => set('maxDays', num(v))} min={0} allowDecimal={false} />
        </SimpleGrid>
        <TextInput label={t('portfolios.form.departments')} description={t('portfolios.form.departmentsHelp')} value={draft.departments} onChange={(e) => set('departments', e.currentTarget.value)} data-testid="portfolio-departments" />
        <MultiSelect
          label={t('portfolios.form.members')}
          data={agents.map((a) => ({ value: a.agentId, label: a.name }))}
          value={draft.memberIds}
          onChange={(value) => set('memberIds', value)}
          searchable
          clearable
          data-testid="portfolio-members"
        />
        {(problem || save.isError) && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-8)' }}>
            {problem ?? errorMessage(save.error)}
            {save.isError && <ValidationDetails error={save.error} />}
          </div>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="portfolio-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
