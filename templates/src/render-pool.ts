import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { LetterKind, LetterProps } from './letter-model.ts';
import type { LetterRenderTask } from './render-thread.ts';

/** Renders a letter to PDF bytes, wherever it runs. */
export type LetterRenderer = <K extends LetterKind>(kind: K, props: LetterProps<K>) => Promise<Buffer>;

export type LetterRenderPool = {
  render: LetterRenderer;
  /** At most this many letters render at once, one per thread. */
  readonly threads: number;
  /** Waits for the letters being rendered, then stops the threads. */
  close: () => Promise<void>;
};

/**
 * Letters rendered on worker threads. Rendering a letter is 15-20 ms of pure CPU (react-pdf's layout,
 * text shaping, PDF writing): on the thread of the graphile-worker process it would use one core
 * however many there are, and hold up every other job's promises while it runs. Here each of
 * `threads` threads renders one letter at a time; the jobs just await the bytes.
 *
 * Threads start with the first letter and stop after `idleTimeoutMs` without one, so a worker that
 * is importing files or computing the dunning run does not carry their memory (about 60 MB each).
 */
export function createLetterRenderPool(options: { threads?: number | undefined; idleTimeoutMs?: number } = {}): LetterRenderPool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const pool = new Piscina<LetterRenderTask, Uint8Array>({
    filename: new URL('./render-thread.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
    // React's production build: its development build checks every element (keys, prop types) for
    // warnings nobody reads in a PDF, about 8 % of a letter. The rest of the environment is the
    // process's own.
    env: { ...process.env, NODE_ENV: 'production' },
    // The process may run with a small young generation (the worker's --max-semi-space-size=4,
    // which keeps imports under their memory ceiling); a letter allocates some 10 MB of short-lived
    // objects, and with room for them a thread spends far less time collecting garbage.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  const run = async (kind: LetterKind, props: LetterProps): Promise<Buffer> => {
    const bytes = await pool.run({ kind, props });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  return {
    threads,
    // A render that fails ends as this promise's rejection, never as the process's end: an exception
    // react-pdf throws from a stream callback (png-js on a damaged image) ends the thread, and piscina
    // rejects the task and starts another thread. A letter with a logo that failed is rendered once
    // more without the logo (the creditor's name stands in): a damaged logo must not stop the letters.
    render: async (kind, props) => {
      try {
        return await run(kind, props as LetterProps);
      } catch (error) {
        if (!props.creditor.brand.logo) throw error;
        const { logo: _dropped, ...brand } = props.creditor.brand;
        return await run(kind, { ...props, creditor: { ...props.creditor, brand } } as LetterProps);
      }
    },
    close: async () => {
      await pool.close();
    },
  };
}
