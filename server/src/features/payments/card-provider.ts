/**
 * What the product needs from a card-payment provider with a hosted checkout (the flow of
 * Stripe Checkout, Payzen, Stancer...): create a session and send the debtor to its URL;
 * learn the outcome from a signed webhook. The only implementation here is the local one
 * (local-card-provider.ts); a real provider is another file with the same shape.
 */
export type CardCheckoutRequest = {
  amountCents: number;
  currency: string;
  merchantName: string;
  merchantColor: string;
  successUrl: string;
  cancelUrl: string;
  metadata: Record<string, string>;
};

export type CardProviderEvent = {
  id: string;
  type: 'checkout.session.completed' | 'checkout.session.payment_failed';
  created: number;
  data: {
    sessionId: string;
    amountCents: number;
    currency: string;
    paymentReference: string | null;
    failureReason: string | null;
    metadata: Record<string, string>;
  };
};
