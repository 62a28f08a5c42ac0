import { Paper, Table, Text, Title } from '@mantine/core';
import type { TeamBoard } from '@relance/contracts/team';
import { EmptyBlock } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { teamMessages } from '../messages.ts';
import { FigureCells, FigureHeads } from './FigureCells.tsx';

/** The board's figures per portfolio of the cases (the cases in no portfolio on one line). */
export function PortfolioTable({ rows }: { rows: TeamBoard['byPortfolio'] }) {
  const t = useT(teamMessages);
  return (
    <Paper p={0} style={{ overflow: 'hidden' }} mb="md">
      <Title order={4} p="md" pb="xs">
        {t('team.byPortfolio')}
      </Title>
      {rows.length === 0 ? (
        <EmptyBlock title={t('team.byPortfolio.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped="even" data-testid="team-portfolio-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.portfolio')}</Table.Th>
                <FigureHeads />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.portfolioId ?? 'none'} data-testid="team-portfolio-row">
                  <Table.Td>
                    <Text size="sm" fw={600} fs={row.portfolioId ? undefined : 'italic'}>
                      {row.name ?? t('team.noPortfolio')}
                    </Text>
                  </Table.Td>
                  <FigureCells figures={row} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
