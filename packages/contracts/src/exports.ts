import { z } from 'zod';
import { caseFilters } from './cases.ts';
import { dateInput } from './common.ts';

/** The file formats of an export: `;`-separated UTF-8 CSV (French Excel) or an XLSX workbook. */
export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

export const exportParams = z.object({ format: exportFormat });

/**
 * An export takes the case list's filters and a period (Paris days, both included): cases by the
 * day they were placed (opened_on), payments by the day the money was received (received_on).
 */
export const exportQuery = caseFilters.extend({
  from: dateInput.optional().describe('First day of the period (included)'),
  to: dateInput.optional().describe('Last day of the period (included)'),
});
export type ExportQuery = z.infer<typeof exportQuery>;
