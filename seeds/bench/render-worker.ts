// A worker thread of `pnpm bench dunning`: renders `count` first letters (R124-4, branded, décompte
// table, QR code) with the templates package's renderLetterPdf, the way the messages feature's send job
// does, and reports how long it took. Props are the templates tests' professional fixture.
// The `baseline` variant is performance.md's baseline: the same letter without the décompte lines and
// without the brand (no logo, black instead of the creditor's colour).
import { parentPort, workerData } from 'node:worker_threads';
import { renderLetterPdf } from '../../templates/src/render.ts';
import { professionalProps } from '../../templates/test/fixtures.ts';

const { count, warmup, variant } = workerData as { count: number; warmup: number; variant: 'letter' | 'baseline' };
const full = professionalProps('fr');
const props =
  variant === 'baseline'
    ? {
        ...full,
        statement: { ...full.statement, lines: [] },
        creditor: { ...full.creditor, brand: { displayName: full.creditor.brand.displayName, primaryColor: '#000000' } },
      }
    : full;
for (let i = 0; i < warmup; i += 1) await renderLetterPdf('first', props);
parentPort?.postMessage({ ready: true });
const started = performance.now();
let bytes = 0;
for (let i = 0; i < count; i += 1) {
  const pdf = await renderLetterPdf('first', { ...props, letterReference: `L-BENCH-${i}` });
  bytes += pdf.length;
}
parentPort?.postMessage({ done: true, seconds: (performance.now() - started) / 1000, bytes });
