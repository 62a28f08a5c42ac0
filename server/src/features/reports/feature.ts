import type { Config } from '../../config.ts';
import type { Feature } from '../../features.ts';
import type { MonthlyReportDeps } from './monthly-print.ts';
import { monthlyReportRoutes } from './monthly-routes.ts';
import { reportRoutes } from './routes.ts';
import { monthlyReportTask } from './tasks/reports__monthly.ts';
import { monthlyReportsCronTask } from './tasks/reports__monthly_all.ts';

/** What the printing job needs: the ORM (the KPIs), the full configuration (web/dist, mail sender) and the SMTP URL (read when sending). */
function monthlyReportDeps(deps: Parameters<NonNullable<Feature['tasks']>>[0]): MonthlyReportDeps | null {
  const config = deps.config && 'publicUrl' in deps.config ? (deps.config as Config) : null;
  if (!deps.orm || !config) return null;
  return {
    orm: deps.orm,
    clock: deps.clock,
    config,
    secrets: deps.secrets,
    get smtpUrl() {
      return deps.messagesSmtpUrl ?? config.smtpUrl;
    },
  };
}

export const reportsFeature: Feature = {
  name: 'reports',
  routes: [reportRoutes, monthlyReportRoutes],
  tasks: (deps) => {
    const monthly = monthlyReportDeps(deps);
    return { reports__monthly_all: monthlyReportsCronTask(deps), ...(monthly ? { reports__monthly: monthlyReportTask(monthly) } : {}) };
  },
};
