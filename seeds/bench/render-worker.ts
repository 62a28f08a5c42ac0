// A worker thread of `pnpm bench dunning`: renders `count` first letters (R124-4, branded, décompte
// table, QR code) with the templates package's renderLetterPdf, the way the messages feature's send job
// does, and reports how long it took. Props are the templates tests' professional fixture.
import { parentPort, workerData } from 'node:worker_threads';
import { renderLetterPdf } from '../../templates/src/render.ts';
import { professionalProps } from '../../templates/test/fixtures.ts';

const { count, warmup } = workerData as { count: number; warmup: number };
const props = professionalProps('fr');
for (let i = 0; i < warmup; i += 1) await renderLetterPdf('first', props);
parentPort?.postMessage({ ready: true });
const started = performance.now();
let bytes = 0;
for (let i = 0; i < count; i += 1) {
  const pdf = await renderLetterPdf('first', { ...props, letterReference: `L-BENCH-${i}` });
  bytes += pdf.length;
}
parentPort?.postMessage({ done: true, seconds: (performance.now() - started) / 1000, bytes });
