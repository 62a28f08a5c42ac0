import type { Receipt } from '@relance/contracts/money';
import { queryOptions } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

/** The case's receipts and acknowledgments (CPCE R124-6), oldest first. */
export function caseReceiptsOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKeys.receipts(caseId),
    queryFn: ({ signal }) => api<{ items: Receipt[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/receipts`, { signal }),
  });
}

/** A receipt's PDF, or its cancellation notice. */
export async function downloadReceipt({ receipt, cancellation }: { receipt: Receipt; cancellation: boolean }): Promise<void> {
  const name = receipt.number ?? `accuse-${receipt.receivedOn}`;
  await downloadFile(cancellation ? (receipt.cancellationUrl ?? '') : receipt.url, cancellation ? `${name}-annulation.pdf` : `${name}.pdf`);
}
