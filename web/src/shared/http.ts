import { getLocale } from './i18n.ts';

/** The API's error body ({ code, message, details }); `message` is already in the caller's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A page of a cursor-paginated list (`?cursor=&limit=` on the server); `nextCursor` null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON unless it is a FormData (multipart uploads). */
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /** Extra headers, such as Idempotency-Key. */
  headers?: Record<string, string>;
}

const networkMessage = {
  fr: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  en: 'The server cannot be reached. Check your connection and try again.',
};

/** One HTTP call to the API: relative URL, cookies included, JSON in and out, caller's language. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const locale = getLocale();
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': locale,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', networkMessage[locale]);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'internal_error',
      typeof error.message === 'string' ? error.message : `HTTP ${response.status}`,
      error.details,
    );
  }
  return data as T;
}

/** Message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
