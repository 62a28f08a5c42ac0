import type { CaseRegistry } from '@relance/contracts/registry';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../shared/query-keys.ts';
import { api, downloadFile } from '../../../shared/session.ts';

const base = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

/** What the company registry says of the debtor company (issue 23). */
export function caseRegistryOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKeys.registry(caseId),
    queryFn: ({ signal }) => api<CaseRegistry>(`${base(caseId)}/registry`, { signal }),
  });
}

/** A registry action changes the card, the case (addresses, timeline) and its contact check. */
function useRegistryMutation<TBody>(caseId: string, request: (body: TBody) => Promise<CaseRegistry>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (registry) => {
      queryClient.setQueryData(caseKeys.registry(caseId), registry);
      return Promise.all([queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }), queryClient.invalidateQueries({ queryKey: caseKeys.contactCheck(caseId) })]);
    },
  });
}

export function useAdoptRegisteredAddress(caseId: string) {
  return useRegistryMutation(caseId, () => api<CaseRegistry>(`${base(caseId)}/registry/adopt-address`, { method: 'POST' }));
}

export function useMarkClaimDeclared(caseId: string) {
  return useRegistryMutation(caseId, (body: { declarationId: string; declaredOn: string }) =>
    api<CaseRegistry>(`${base(caseId)}/claim-declarations/${encodeURIComponent(body.declarationId)}/declared`, { method: 'POST', body: { declaredOn: body.declaredOn } }),
  );
}

export async function downloadDeclaration(caseId: string, documentId: string): Promise<void> {
  await downloadFile(`${base(caseId)}/documents/${encodeURIComponent(documentId)}/download`, 'declaration-de-creance.pdf');
}
