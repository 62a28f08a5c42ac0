import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerConnection } from '../../server/test/harness.ts';
import { type Journey, setValue, shot, signIn, signOut, startJourney } from './browser-harness.ts';

/**
 * The dunning screen in real Chromium (issue 6): a manager sees the default strategy on its timeline,
 * the counts per step and tomorrow's preview, runs the pass now (in the worker: its progress, then
 * the result and the history), recomputes tomorrow's preview in the background (its progress, then
 * "calculé à HH:MM"), edits a step with validation, creates a strategy for a creditor and
 * segment from the default's steps and edits its segment; an agent reads the same screen without the
 * editing controls.
 */
let journey: Journey;
let base: string;
let newPage: () => Promise<Page>;

beforeAll(async () => {
  journey = await startJourney();
  base = journey.base;
  newPage = journey.newPage;
});
afterAll(async () => journey?.close());

/** Empties a field (select all, delete) and types: a number field with a suffix keeps it through a triple click. */
async function retype(page: Page, testId: string, value: string) {
  const selector = `[data-testid="${testId}"]`;
  await page.click(selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  if (value !== '') await page.type(selector, value);
}

/** Waits for a modal's opening transition to end (the element stops moving), so a click lands where it is drawn. */
async function settled(page: Page, testId: string) {
  const selector = `[data-testid="${testId}"]`;
  await page.waitForSelector(selector);
  let last = '';
  for (let i = 0; i < 30; i++) {
    const box = JSON.stringify(await (await page.$(selector))?.boundingBox());
    if (box === last) return;
    last = box;
    await new Promise((resolve) => setTimeout(resolve, 80));
  }
}

/**
 * Opens a modal form by clicking its button. After a language switch or another modal closing, the
 * first click can land while the page re-renders or the previous overlay fades out: the click is
 * retried until the form is there.
 */
async function openForm(page: Page, buttonTestId: string, formTestId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.waitForFunction(() => !document.querySelector('.mantine-Modal-overlay'));
    await settled(page, buttonTestId);
    await page.click(`[data-testid="${buttonTestId}"]`);
    const opened = await page
      .waitForSelector(`[data-testid="${formTestId}"]`, { timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (opened) return;
  }
  throw new Error(`the form ${formTestId} did not open from ${buttonTestId}`);
}

/**
 * Fills a modal form (`fill`), clicks its save button and waits until the form shows every refusal
 * in `refusals`. A click or keystrokes while the modal is still moving in can miss: all of it is
 * done again until the refusals show (a refused form stays open, so repeating changes nothing else).
 */
async function saveUntilRefused(page: Page, formTestId: string, saveTestId: string, refusals: string[], fill: () => Promise<void>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await fill();
    await page.click(`[data-testid="${saveTestId}"]`);
    const refused = await page
      .waitForFunction(
        (form, texts) => {
          const text = document.querySelector(`[data-testid="${form}"]`)?.textContent ?? '';
          return texts.every((expected) => text.includes(expected));
        },
        { timeout: 3_000 },
        formTestId,
        refusals,
      )
      .then(() => true)
      .catch(() => false);
    if (refused) return;
  }
  throw new Error(`the form ${formTestId} did not show ${refusals.join(' / ')}`);
}

async function waitForJobs(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await journey.t.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from graphile_worker.jobs where attempts < max_attempts and run_at <= now()`);
    if ((row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('dunning, in Chromium', () => {
  it('the manager sees the default strategy, runs the pass now, and edits a step', async () => {
    const page = await newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.waitForSelector('[data-testid="nav-dunning"]');
    await page.click('[data-testid="nav-dunning"]');
    await page.waitForSelector('[data-testid="dunning-timeline"]');
    expect(await page.$$('[data-testid="dunning-step"]')).toHaveLength(8);
    await page.waitForSelector('[data-testid="dunning-preview"] h3');
    await page.waitForFunction(() => !document.querySelector('[data-testid="dunning-preview"] [data-testid="loading"]'));
    // Nothing computed yet: the card says so and offers to compute it.
    const none = await page.$eval('[data-testid="dunning-preview"] [data-testid="empty-state"]', (el) => el.textContent ?? '');
    expect(none).toMatch(/pas encore été calculé/);
    await shot(page, '60-dunning-preview-none');

    // "Recalculer": the worker computes it. Holding an exclusive lock on the executions table stops the
    // simulation at its (rolled back) writes for a moment, long enough to see it progress.
    await journey.t.orm.em.fork().transactional(async (tx) => {
      await tx.execute('lock table dunning_step_execution in exclusive mode');
      await page.click('[data-testid="dunning-preview-recompute"]');
      await page.waitForSelector('[data-testid="dunning-preview-progress"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="dunning-preview-phase"]')?.textContent?.includes('Étape'), { timeout: 10_000 });
      expect(await page.$eval('[data-testid="dunning-preview-recompute"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
      await shot(page, '60-dunning-preview-computing');
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="dunning-preview-computed"]')?.textContent?.startsWith('calculé à '), { timeout: 60_000 });
    const computed = await page.$eval('[data-testid="dunning-preview-computed"]', (el) => el.textContent ?? '');
    expect(computed).toMatch(/^calculé à \d{2}:\d{2}$/);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="dunning-preview-recompute"]') as HTMLButtonElement | null)?.disabled);
    expect(await page.$('[data-testid="dunning-preview-progress"]')).toBeNull();
    await shot(page, '60-dunning-strategy-and-preview');
    const [stored] = await journey.t.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from dunning_preview where status = 'completed'`);
    expect(stored?.n).toBe(1);

    // The run goes to the worker: the button answers at once and the screen follows the run. Holding
    // an exclusive lock on the executions table stops the pass at its writes, long enough to see it run.
    await journey.t.orm.em.fork().transactional(async (tx) => {
      await tx.execute('lock table dunning_step_execution in exclusive mode');
      // Keyboard: focus the button and press Enter.
      await page.focus('[data-testid="dunning-run-now"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="dunning-run-progress"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="dunning-run-phase"]')?.textContent?.includes('Étape 3 sur 4'), { timeout: 20_000 });
      const cases = await page.$eval('[data-testid="dunning-run-cases"]', (el) => (el as HTMLElement).textContent ?? '');
      expect(cases).toMatch(/dossier\(s\) ouvert\(s\) examiné\(s\) sur/);
      expect(await page.$eval('[data-testid="dunning-run-now"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
      await shot(page, '61-dunning-run-progress');
    });
    await page.waitForSelector('[data-testid="dunning-run-result"]', { timeout: 30_000 });
    const result = await page.$eval('[data-testid="dunning-run-result"]', (el) => (el as HTMLElement).textContent);
    expect(result).toMatch(/envoi\(s\) programmé\(s\)/);
    expect(result).toMatch(/Par canal : /);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="dunning-run-now"]') as HTMLButtonElement | null)?.disabled);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dunning-runs"] tbody tr').length > 0);
    // The run queued a fresh preview in its transaction: the card shows it once the worker computed it.
    const previewsCompleted = async () =>
      (
        await journey.t.orm.em
          .fork()
          .execute<{ n: number; by_run: number }[]>(`select count(*)::int as n, count(*) filter (where requested_by is null)::int as by_run from dunning_preview where status = 'completed'`)
      )[0];
    for (let i = 0; i < 120 && (await previewsCompleted())?.n !== 2; i++) await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await previewsCompleted()).toEqual({ n: 2, by_run: 1 });
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="dunning-preview-progress"]') && document.querySelector('[data-testid="dunning-preview-computed"]'),
      { timeout: 60_000 },
    );
    await shot(page, '61-dunning-run-done');

    // Edit the J+5 SMS: an empty delay is refused on the spot, J+6 is saved.
    const editButtons = await page.$$('[data-testid="dunning-step"] button');
    const smsEdit = editButtons[4]; // steps 0 and 1 have two buttons each (edit, remove): the third step's edit is the 5th
    expect(smsEdit).toBeDefined();
    await smsEdit?.click();
    await page.waitForSelector('[data-testid="step-form"]');
    await settled(page, 'step-save');
    await saveUntilRefused(page, 'step-form', 'step-save', ['Un nombre entier de jours'], () => setValue(page, 'step-offset', ''));
    expect(await page.$eval('[data-testid="step-form"]', (el) => el.textContent)).toContain('Un nombre entier de jours');
    await shot(page, '62-dunning-step-validation');
    await setValue(page, 'step-offset', '6');
    await page.click('[data-testid="step-save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-form"]'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="dunning-step"]')].some((el) => el.textContent?.includes('J+6')));
    await shot(page, '63-dunning-step-edited');

    // The case screen says where a case stands: the J+0 letter and e-mail decided by the run.
    const [decided] = await journey.t.orm.em.fork().execute<{ case_id: string }[]>(
      `select case_id from dunning_step_execution where day = 0 and status in ('pending', 'done') group by case_id having count(*) = 2 limit 1`,
    );
    expect(decided).toBeDefined();
    await page.goto(`${base}/cases/${decided?.case_id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="case-dunning"] [data-testid="case-dunning-step"]');
    const steps = await page.$$eval('[data-testid="case-dunning-step"]', (rows) => rows.map((row) => row.textContent ?? ''));
    expect(steps).toHaveLength(2);
    expect(steps.every((text) => text.startsWith('J+0'))).toBe(true);
    const card = await page.$('[data-testid="case-dunning"]');
    await card?.screenshot({ path: 'test-artifacts/screenshots/65-case-dunning-card.png' });
    await signOut(page);
    await page.close();
  });

  it('the manager creates a strategy for a creditor and segment from the default steps, then edits its segment', async () => {
    const page = await newPage();
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/dunning`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dunning-new-strategy"]');
    await openForm(page, 'dunning-new-strategy', 'strategy-form');
    await settled(page, 'strategy-save');
    // Refused on the spot, in French: no name, a band upside down.
    await saveUntilRefused(page, 'strategy-form', 'strategy-save', ['Donnez un nom à la stratégie', 'Le minimum doit être inférieur ou égal au maximum'], async () => {
      await retype(page, 'strategy-min', '5000');
      await retype(page, 'strategy-max', '100');
    });
    await shot(page, '66-dunning-strategy-validation');

    await setValue(page, 'strategy-name', 'Fibrea professionnels');
    const fibrea = await page.$eval('[data-testid="strategy-creditor"]', (el) =>
      [...(el as HTMLSelectElement).options].find((option) => option.text.includes('Fibrea'))?.value ?? '',
    );
    expect(fibrea).not.toBe('');
    await page.select('[data-testid="strategy-creditor"]', fibrea);
    await page.select('[data-testid="strategy-kind"]', 'company');
    await retype(page, 'strategy-min', '');
    await retype(page, 'strategy-max', '');
    // The agency default's steps are the starting point.
    const copyFrom = await page.$eval('[data-testid="strategy-copy-from"]', (el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');
    expect(copyFrom).toMatch(/\(8 étapes\)/);
    await shot(page, '67-dunning-new-strategy');
    await page.click('[data-testid="strategy-save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-form"]'));
    await page.waitForFunction(() => document.querySelector('[data-testid="dunning-strategy-segment"]')?.textContent?.includes('Fibrea'));
    expect(await page.$eval('[data-testid="dunning-strategy-segment"]', (el) => el.textContent)).toContain('Professionnels');
    expect(await page.$$('[data-testid="dunning-step"]')).toHaveLength(8);
    await shot(page, '68-dunning-strategy-created');

    // The same segment twice is refused by the API, in the user's language (English here).
    await page.evaluate(() => {
      const en = [...document.querySelectorAll('[data-testid="language-toggle"] label')].find((label) => label.textContent === 'EN');
      (en as HTMLElement | undefined)?.click();
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="dunning-new-strategy"]')?.textContent === 'New strategy');
    await page.waitForFunction(() => /^computed at \d{2}:\d{2}$/.test(document.querySelector('[data-testid="dunning-preview-computed"]')?.textContent ?? ''));
    expect(await page.$eval('[data-testid="dunning-preview-recompute"]', (el) => el.textContent)).toBe('Recompute');
    await openForm(page, 'dunning-new-strategy', 'strategy-form');
    await settled(page, 'strategy-save');
    await setValue(page, 'strategy-name', 'Fibrea again');
    await page.select('[data-testid="strategy-creditor"]', fibrea);
    await page.select('[data-testid="strategy-kind"]', 'company');
    await page.click('[data-testid="strategy-save"]');
    await page
      .waitForFunction(() => document.querySelector('[data-testid="strategy-form"] [data-testid="error-state"]')?.textContent?.includes('An active strategy already exists'))
      .catch(async (error) => {
        await shot(page, '69-dunning-strategy-segment-taken-failure');
        throw error;
      });
    await shot(page, '69-dunning-strategy-segment-taken-en');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-form"]'));
    await page.evaluate(() => {
      const fr = [...document.querySelectorAll('[data-testid="language-toggle"] label')].find((label) => label.textContent === 'FR');
      (fr as HTMLElement | undefined)?.click();
    });

    // Its segment narrowed to balances from 1,000 €: the badge says so.
    await page.waitForSelector('[data-testid="dunning-edit-segment"]');
    await openForm(page, 'dunning-edit-segment', 'strategy-form');
    await settled(page, 'strategy-save');
    expect(await page.$eval('[data-testid="strategy-name"]', (el) => (el as HTMLInputElement).value)).toBe('Fibrea professionnels');
    await retype(page, 'strategy-min', '1000');
    await page.click('[data-testid="strategy-save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-form"]'));
    await page.waitForFunction(() => /1\s?000,00\s?€/.test(document.querySelector('[data-testid="dunning-strategy-segment"]')?.textContent ?? ''));
    await shot(page, '70-dunning-strategy-segment-edited');
    const [saved] = await journey.t.orm.em
      .fork()
      .execute<{ min_balance_cents: string; debtor_kind: string; steps: number }[]>(
        `select s.min_balance_cents::text, s.debtor_kind, (select count(*)::int from dunning_step st where st.strategy_id = s.id and st.archived_at is null) as steps
           from dunning_strategy s where s.name = 'Fibrea professionnels'`,
      );
    expect(saved).toEqual({ min_balance_cents: '100000', debtor_kind: 'company', steps: 8 });
    await signOut(page);
    await page.close();
  });

  it('a run that keeps failing says it retries, then that it failed; the next one completes', async () => {
    const page = await newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, base, 'manager@relance.test', 'demo');
    await page.goto(`${base}/dunning`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dunning-run-now"]:not([disabled])');
    // As the tables' owner (superuser): the app's roles see neither the text of the worker's statement
    // nor may cancel it (row-level security's roles, server/src/db/row-level-security.ts).
    const db = await ownerConnection(journey.t);
    // The pass waits on a locked table at its writes; cancelling its statement fails the attempt, the
    // way a database restart would. Three attempts, three cancellations: the run fails for good.
    const cancelWaitingPass = async () => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await db.query<{ ok: boolean }>(
          `select pg_cancel_backend(pid) as ok from pg_stat_activity
            where wait_event_type = 'Lock' and query ilike '%insert into dunning_step_execution%' limit 1`,
        );
        const cancelled = rows[0];
        if (cancelled?.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('the pass never reached its writes');
    };
    await journey.t.orm.em.fork().transactional(async (tx) => {
      await tx.execute('lock table dunning_step_execution in exclusive mode');
      await page.click('[data-testid="dunning-run-now"]');
      await page.waitForSelector('[data-testid="dunning-run-progress"]');
      await cancelWaitingPass();
      await page.waitForFunction(() => document.querySelector('[data-testid="dunning-run-progress"]')?.textContent?.includes('nouvel essai automatique'));
      await shot(page, '71-dunning-run-retrying');
      await cancelWaitingPass();
      await cancelWaitingPass();
    });
    await db.end();
    await page.waitForSelector('[data-testid="dunning-run-failed"]');
    const failed = await page.$eval('[data-testid="dunning-run-failed"]', (el) => el.textContent ?? '');
    expect(failed).toMatch(/n'a pas pu aboutir après plusieurs essais/);
    expect(failed).toMatch(/canceling statement/);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="dunning-run-now"]') as HTMLButtonElement | null)?.disabled);
    await shot(page, '72-dunning-run-failed');

    // Nothing was decided by the failed run; the next one runs to its end.
    await page.click('[data-testid="dunning-run-now"]');
    await page.waitForSelector('[data-testid="dunning-run-result"]');
    const statuses = await journey.t.orm.em.fork().execute<{ status: string }[]>(`select status from dunning_run where trigger = 'manual' order by id`);
    expect(statuses.map((row) => row.status)).toEqual(['completed', 'failed', 'completed']);
    await signOut(page);
    await page.close();
  });

  it('an agent reads the screen without editing controls', async () => {
    // The run queued letters: the worker (same process as the API here) renders them first.
    await waitForJobs(60_000);
    const page = await newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, base, 'agent1@relance.test', 'demo');
    await page.goto(`${base}/dunning`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dunning-timeline"]').catch(async (error) => {
      await shot(page, '64-dunning-agent-failure');
      throw error;
    });
    expect(await page.$('[data-testid="dunning-run-now"]')).toBeNull();
    // Tomorrow's preview as last computed (after the last run), read-only.
    await page.waitForSelector('[data-testid="dunning-preview-computed"]');
    expect(await page.$('[data-testid="dunning-preview-recompute"]')).toBeNull();
    await page.waitForSelector('.recharts-bar-rectangle');
    expect(await page.$$('[data-testid="dunning-step"] button')).toHaveLength(0);
    await shot(page, '64-dunning-agent-read-only');

    // A computation that failed after the stored one: the card says why, and still shows the stored one.
    await journey.t.orm.em.fork().execute(
      `insert into dunning_preview (status, as_of, at, requested_at, error, phase, phases_done, phases_total)
       select 'failed', as_of, at, ?, 'canceling statement due to user request', 'writing', 2, 4
         from dunning_preview where status = 'completed' order by computed_at desc limit 1`,
      [new Date(journey.t.clock.now().getTime() + 1000)],
    );
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid="dunning-preview-failed"]');
    const failure = await page.$eval('[data-testid="dunning-preview-failed"]', (el) => el.textContent ?? '');
    expect(failure).toMatch(/Le dernier calcul de l'aperçu a échoué/);
    expect(failure).toMatch(/canceling statement due to user request/);
    expect(await page.$('[data-testid="dunning-preview-computed"]')).not.toBeNull();
    const card = await page.$('[data-testid="dunning-preview"]');
    await card?.screenshot({ path: 'test-artifacts/screenshots/64-dunning-preview-failed.png' });
    await page.close();
  });
});
