import type { AgencyBrand } from '@relance/contracts/agency';
import { readableBrandColour } from '@relance/domain/brand-colour';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { request } from './http.ts';
import { agencyKeys } from './query-keys.ts';

// Issue 19, white label: the staff app and the creditors' area (the same app) carry the agency's
// name, logo and colour, read from the public GET /agency/brand (the sign-in page shows them before
// a session). The software's name is only the stand-in while the brand loads or when it cannot be
// read, and the "propulsé par" line the agency may hide (shared/product.ts).

/** What the screens show before the brand is known: a neutral name-less mark, no colour. */
export const pendingBrand: AgencyBrand = { name: '', primaryColor: null, logoUrl: null, poweredByVisible: false };

export function agencyBrandOptions() {
  return queryOptions({
    queryKey: agencyKeys.brand,
    queryFn: ({ signal }) => request<AgencyBrand>('/api/v1/agency/brand', { signal }),
    staleTime: 10 * 60_000,
  });
}

// The last brand read: signing out clears the query cache, and the sign-in page should not blink
// to a blank mark while the brand is read again.
let lastBrand: AgencyBrand = pendingBrand;

/** The agency's brand (the last one read, or pendingBrand, while it loads or if it cannot be read). */
export function useAgencyBrand(): AgencyBrand {
  const data = useQuery(agencyBrandOptions()).data;
  if (data) lastBrand = data;
  return data ?? lastBrand;
}

/** The colour the screens use: the agency's, darkened until white text on it reaches WCAG 4.5:1; null = the default theme. */
export function screenColourOf(brand: AgencyBrand): string | null {
  return brand.primaryColor ? readableBrandColour(brand.primaryColor) : null;
}

/** The browser tab says the agency's name (and the page's, when given). */
export function useDocumentTitle(brand: AgencyBrand, page?: string): void {
  useEffect(() => {
    if (!brand.name) return;
    document.title = page ? `${page} · ${brand.name}` : brand.name;
  }, [brand.name, page]);
}
