/** The back office's own name. Staff screens only: debtor pages carry the creditor's brand. */
export const productName = 'Relance';
