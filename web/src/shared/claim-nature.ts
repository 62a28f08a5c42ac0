import { type ClaimNature, claimNatures, natureRegime } from '@relance/domain/claim-nature';
import { useMemo } from 'react';
import { useT } from './i18n.ts';
import { staffMessages } from './staff-messages.ts';

// The natures of a claim as the staff screens name them (the creditor's default at onboarding, the
// case's claims): the label, and the label with its prescription regime from packages/domain
// (duration and article), so the screens never re-type a duration.

export type NatureLabels = {
  /** "Loyer d’habitation" */
  label: (nature: ClaimNature) => string;
  /** "Loyer d’habitation — 3 ans (Loi 89-462 du 6 juillet 1989, art. 7-1)" */
  regime: (nature: ClaimNature) => string;
  /** The six natures, for a select. */
  options: { value: ClaimNature; label: string }[];
};

export function useNatureLabels(): NatureLabels {
  const t = useT(staffMessages);
  return useMemo(() => {
    const label = (nature: ClaimNature) => t.dyn(`nature.${nature}`, nature);
    const regime = (nature: ClaimNature) => {
      const { years, basis } = natureRegime(nature);
      const duration = years === 1 ? t('nature.oneYear') : t('nature.years', { years });
      return t('nature.regime', { label: label(nature), duration, basis });
    };
    return { label, regime, options: claimNatures.map((nature) => ({ value: nature, label: regime(nature) })) };
  }, [t]);
}
