import { Table } from '@mantine/core';

type Column = string | { label: string; numeric: true };

/** A right-aligned column of figures (the `num` class: tabular digits). */
export const numeric = (label: string): Column => ({ label, numeric: true });

/** A table's header row: one label per column, figures marked with `numeric(label)`. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <Table.Th key={column}>{column}</Table.Th>
          ) : (
            <Table.Th key={column.label} className="num">
              {column.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
