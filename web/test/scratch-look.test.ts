import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { type Journey, signIn, startJourney } from './browser-harness.ts';

// Scratch: not committed. Screenshots of the case screen at 1440x900.
let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 240_000);
afterAll(async () => journey?.close());

it('looks', async () => {
  const page = await journey.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await signIn(page, journey.base, 'agent1@relance.test', 'demo');
  const [row] = await journey.t.orm.em.fork().execute<{ id: string }[]>(
    `select c.id from collection_case c where exists (select 1 from payment p where p.case_id = c.id) and c.status <> 'closed' order by c.reference limit 1`,
  );
  await page.goto(`${journey.base}/cases/${row?.id}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-testid="case-detail"]');
  await new Promise((r) => setTimeout(r, 800));
  await page.screenshot({ path: '/tmp/look-fold.png' });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewport({ width: 1440, height });
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: '/tmp/look-full.png' });
  writeFileSync('/tmp/look-height.txt', String(height));
  await page.setViewport({ width: 1440, height: 900 });
  await page.evaluate(() => localStorage.setItem('relance.locale', 'en'));
  const texts = await page.$$eval('[data-testid="timeline-item"]', (items) => items.map((item) => item.textContent));
  writeFileSync('/tmp/look-timeline-fr.txt', texts.join('\n'));
}, 300_000);
