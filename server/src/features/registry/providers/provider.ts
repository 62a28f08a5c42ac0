import type { ProceedingType, RegistryRecord } from '@relance/domain/insolvency';

// What every registry provider answers for a SIREN, whichever service it asks. A provider answers
// null for a SIREN the registry does not know, and throws RegistryUnavailableError when it cannot
// answer now (service down, timeout, quota): the lookup job fails and graphile-worker retries it.

export type RegistryProvider = {
  readonly name: 'local' | 'pappers' | 'sirene+bodacc';
  lookup(siren: string): Promise<RegistryRecord | null>;
};

export class RegistryUnavailableError extends Error {
  constructor(provider: string, detail: string) {
    super(`registry ${provider} unavailable: ${detail}`);
    this.name = 'RegistryUnavailableError';
  }
}

/** The part of fetch the providers use (tests give a recorded one). */
export type HttpGet = (url: string, headers: Record<string, string>) => Promise<{ status: number; body: unknown }>;

/** Node's fetch with a timeout: an answer that does not come in 10 s is an unavailable registry. */
export const fetchJson: HttpGet = async (url, headers) => {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body };
};

/** A GET that throws RegistryUnavailableError on a network error, a 429 or a 5xx. */
export async function getOrUnavailable(http: HttpGet, provider: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  let answer: { status: number; body: unknown };
  try {
    answer = await http(url, headers);
  } catch (error) {
    throw new RegistryUnavailableError(provider, error instanceof Error ? error.message : String(error));
  }
  if (answer.status === 429 || answer.status >= 500) throw new RegistryUnavailableError(provider, `HTTP ${answer.status}`);
  if (answer.status === 401 || answer.status === 403) throw new RegistryUnavailableError(provider, `HTTP ${answer.status}: check the API key`);
  return answer;
}

/** "Redressement judiciaire", "Jugement d'ouverture d'une procédure de liquidation judiciaire"... as a proceeding type; null for anything else. */
export function proceedingTypeOf(text: string): ProceedingType | null {
  const lower = text.toLowerCase();
  if (lower.includes('liquidation')) return 'liquidation';
  if (lower.includes('redressement')) return 'redressement';
  if (lower.includes('sauvegarde')) return 'sauvegarde';
  return null;
}
