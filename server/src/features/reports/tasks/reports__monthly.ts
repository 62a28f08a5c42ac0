import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { generateMonthlyReport, type MonthlyReportDeps } from '../monthly-print.ts';

const payload = z.object({ reportId: z.uuid() });

/** reports__monthly {reportId}: prints the report (once) and e-mails it when the cron asked (once). */
export function monthlyReportTask(deps: MonthlyReportDeps): Task {
  return async (raw, helpers) => {
    const { reportId } = payload.parse(raw);
    const outcome = await generateMonthlyReport(deps, reportId, helpers.job.attempts >= helpers.job.max_attempts);
    helpers.logger.info(`reports__monthly ${reportId}: ${outcome}`);
  };
}
