import { Table } from '@mantine/core';
import type { TeamBoard } from '@relance/contracts/team';
import { formatMoney, formatNumber, useT } from '../../../shared/i18n.ts';
import { teamMessages } from '../messages.ts';

/** An agent's figures (or the team's, or a portfolio's) in the board's columns. */
export function FigureCells({ figures }: { figures: TeamBoard['team'] }) {
  const t = useT(teamMessages);
  const n = (value: number) => formatNumber(value, t.locale);
  return (
    <>
      <Table.Td className="num">{n(figures.casesWorked)}</Table.Td>
      <Table.Td className="num">{n(figures.calls)}</Table.Td>
      <Table.Td className="num">{n(figures.rightPartyContacts)}</Table.Td>
      <Table.Td className="num">
        {n(figures.promisesKept)} / {n(figures.promisesMade)}
      </Table.Td>
      <Table.Td className="num">
        {n(figures.plansKept)} / {n(figures.plansAgreed)}
      </Table.Td>
      <Table.Td className="num">{formatMoney(figures.collectedCents, 'EUR', t.locale)}</Table.Td>
    </>
  );
}

/** The board's column headers after the first (agent or portfolio). */
export function FigureHeads() {
  const t = useT(teamMessages);
  return (
    <>
      <Table.Th className="num">{t('team.casesWorked')}</Table.Th>
      <Table.Th className="num">{t('team.calls')}</Table.Th>
      <Table.Th className="num">{t('team.rightPartyContacts')}</Table.Th>
      <Table.Th className="num">{t('team.promises')}</Table.Th>
      <Table.Th className="num">{t('team.plans')}</Table.Th>
      <Table.Th className="num">{t('team.collected')}</Table.Th>
    </>
  );
}
