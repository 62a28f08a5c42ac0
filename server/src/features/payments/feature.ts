import type { Feature } from '../../features.ts';
import { paymentAnomalyRoutes } from './anomaly-routes.ts';
import { directPaymentRoutes } from './direct-payment-routes.ts';
import { localCardPages } from './local-card-pages.ts';
import { paymentRoutes, paymentWebhookRoutes } from './routes.ts';
import { deliverLocalCardWebhook } from './tasks/payments__deliver_local_card_webhook.ts';

export const paymentsFeature: Feature = {
  name: 'payments',
  routes: [paymentWebhookRoutes, paymentRoutes, paymentAnomalyRoutes, localCardPages, directPaymentRoutes],
  tasks: (job) => ({
    payments__deliver_local_card_webhook: deliverLocalCardWebhook(job),
  }),
};
