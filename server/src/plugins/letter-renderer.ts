import { createLetterRenderPool, type LetterRenderer, type LetterRenderPool } from '@relance/templates/render-pool';

/**
 * Where the server renders a letter (PDF) when it has no render pool of its own to hand: the letter
 * preview and the plan agreement in API requests, messages__send when the worker was not given its
 * pool (tests, one-off runs). Every letter is rendered on a worker thread, never on the request's or
 * the job's thread: react-pdf decodes images in stream callbacks, and an exception thrown there (png-js
 * `incorrect data check` on a damaged logo, issue 13) escapes every promise and, on the main thread,
 * ends the process for everyone. On a thread of this pool it ends that thread only: the render's
 * promise rejects, the request or job handles it like any other error (templates/src/render-pool.ts
 * also retries once without the logo), and a new thread takes the next letter.
 *
 * One pool per process, started by its first letter, with one thread (a preview is ~20 ms) that stops
 * after 10 s without a letter; an idle piscina thread does not keep the process alive.
 */
let pool: LetterRenderPool | null = null;

export const renderLetterIsolated: LetterRenderer = (kind, props) => {
  pool ??= createLetterRenderPool({ threads: 1, idleTimeoutMs: 10_000 });
  return pool.render(kind, props);
};

/** Waits for the letters being rendered, then stops the thread (the next letter starts a new pool). */
export async function closeLetterRenderer(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close();
}
