import { z } from 'zod';
import { instant, uuid } from './common.ts';

// Creditor API keys: a creditor's system calls the API as that creditor, without a person
// signing in. The secret is shown once, at creation; the server keeps only its SHA-256.

export const apiKeyParams = z.object({ id: uuid.describe('Creditor id'), keyId: uuid.describe('API key id') });

export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. the system that uses it'),
  })
  .meta({ id: 'CreateApiKeyBody', examples: [{ name: 'ERP Sage — production' }] });
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export const apiKey = z
  .object({
    id: uuid,
    creditorId: uuid,
    name: z.string(),
    prefix: z.string().describe('First characters of the key, to recognise it; the rest is never shown again'),
    createdAt: instant,
    lastUsedAt: instant.nullable().describe('Updated at most once a minute'),
    revokedAt: instant.nullable(),
  })
  .meta({
    id: 'ApiKey',
    examples: [
      {
        id: '0b7d4c2e-6f1a-4c3b-9d8e-1a2b3c4d5e6f',
        creditorId: '5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
        name: 'ERP Sage — production',
        prefix: 'rk_live_Zx8q',
        createdAt: '2026-11-23T10:00:00.000Z',
        lastUsedAt: '2026-11-23T10:05:00.000Z',
        revokedAt: null,
      },
    ],
  });
export type ApiKey = z.infer<typeof apiKey>;

export const createdApiKey = apiKey
  .extend({
    secret: z
      .string()
      .describe('The key itself, shown this once: send it as `Authorization: Bearer <key>` or `X-Api-Key: <key>`'),
  })
  .meta({
    id: 'CreatedApiKey',
    examples: [
      {
        id: '0b7d4c2e-6f1a-4c3b-9d8e-1a2b3c4d5e6f',
        creditorId: '5f0c1e2d-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
        name: 'ERP Sage — production',
        prefix: 'rk_live_Zx8q',
        createdAt: '2026-11-23T10:00:00.000Z',
        lastUsedAt: null,
        revokedAt: null,
        secret: 'rk_live_Zx8qJ3v0b6Yw1mN4pR7sT2uV5xA9cE0f',
      },
    ],
  });
export type CreatedApiKey = z.infer<typeof createdApiKey>;
