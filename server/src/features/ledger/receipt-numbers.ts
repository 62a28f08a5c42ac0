import type { SqlExec } from '../../plugins/sql.ts';

/**
 * CPCE R124-6: the next receipt number of the agency for `year`, without gaps. The counter row is
 * incremented in the payment's own transaction: it stays locked until that transaction ends, so
 * two payments never share a number, and a transaction that rolls back gives its number back.
 */
export async function nextReceiptNumber(exec: SqlExec, year: number): Promise<{ year: number; seq: number; number: string }> {
  const [row] = await exec<{ last_number: number }>(
    `insert into receipt_counter (year, last_number) values (?, 1)
     on conflict (year) do update set last_number = receipt_counter.last_number + 1 returning last_number`,
    [year],
  );
  const seq = (row as { last_number: number }).last_number;
  return { year, seq, number: `Q-${year}-${String(seq).padStart(6, '0')}` };
}
