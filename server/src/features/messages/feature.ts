import type { Config } from '../../config.ts';
import type { Feature } from '../../features.ts';
import { messageRoutes, messageWebhookRoutes } from './routes.ts';
import { deliverLocalCallbackTask } from './tasks/messages__deliver_local_callback.ts';
import { sendMessagesTask } from './tasks/messages__send.ts';

export const messagesFeature: Feature = {
  name: 'messages',
  routes: [messageRoutes, messageWebhookRoutes],
  tasks: (deps) => {
    // Sending messages needs the ORM (décompte, portal links) and the full configuration.
    const fullConfig = deps.config && 'publicUrl' in deps.config ? (deps.config as Config) : null;
    return {
      ...(deps.orm && fullConfig
        ? {
            messages__send: sendMessagesTask(deps, {
              orm: deps.orm,
              config: fullConfig,
              // Read when sending, so a server started after the worker (tests' mailbox) is used.
              get smtpUrl() {
                return deps.messagesSmtpUrl ?? fullConfig.smtpUrl;
              },
              ...(deps.renderLetter ? { renderLetter: deps.renderLetter } : {}),
            }),
          }
        : {}),
      messages__deliver_local_callback: deliverLocalCallbackTask(deps),
    };
  },
};
