/**
 * The software's own name. Sold in white label (issue 19): the screens carry the agency's brand
 * (shared/brand.ts); this name appears only in the "propulsé par" line the agency may hide.
 */
export const productName = 'Relance';
