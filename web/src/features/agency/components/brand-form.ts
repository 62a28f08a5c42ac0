import type { AgencyProfile, UpdateAgencyBody } from '@relance/contracts/agency';
import { isHexColour, readableBrandColour } from '@relance/domain/brand-colour';
import { agencyFormFrom, agencyFormToBody } from './agency-form.ts';

// The brand as form state (issue 19): typed text until submit. PUT /agency takes the whole profile,
// so the body is the stored profile with the brand as edited.

export type BrandForm = { displayName: string; primaryColor: string; poweredByVisible: boolean };

export function brandFormFrom(profile: AgencyProfile): BrandForm {
  return {
    displayName: profile.brand.displayName ?? '',
    primaryColor: profile.brand.primaryColor ?? '',
    poweredByVisible: profile.brand.poweredByVisible,
  };
}

/** Empty, or #rrggbb. */
export function brandColourOk(form: BrandForm): boolean {
  return !form.primaryColor.trim() || isHexColour(form.primaryColor.trim());
}

/** The colour the screens will use when it differs from the one typed (too light for white text), else null. */
export function darkenedColourOf(form: BrandForm): string | null {
  const typed = form.primaryColor.trim().toLowerCase();
  if (!isHexColour(typed)) return null;
  const readable = readableBrandColour(typed);
  return readable === typed ? null : readable;
}

export function brandFormToBody(profile: AgencyProfile, form: BrandForm): UpdateAgencyBody {
  return {
    ...agencyFormToBody(agencyFormFrom(profile)),
    brand: {
      displayName: form.displayName.trim() || null,
      primaryColor: form.primaryColor.trim() || null,
      poweredByVisible: form.poweredByVisible,
    },
  };
}
