import type { Feature } from '../../features.ts';
import { webhookRoutes } from './routes.ts';
import { deliverCreditorWebhook } from './tasks/webhooks__deliver.ts';

export const webhooksFeature: Feature = {
  name: 'webhooks',
  routes: [webhookRoutes],
  tasks: (deps) => ({
    // Without a config, creditor webhooks go to public https addresses only (the safe default).
    webhooks__deliver: deliverCreditorWebhook(deps, {
      allowPrivateUrls: deps.config?.webhookAllowPrivateUrls ?? false,
      resolve: deps.webhookResolver,
    }),
  }),
};
