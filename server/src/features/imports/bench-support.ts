// The server's own dependencies that `pnpm bench import` (seeds/bench/cli.ts) needs: the seeds
// package stays free of database and spreadsheet libraries, and resolves them through here.
export { default as ExcelJS } from 'exceljs';
export { default as pg } from 'pg';
export { from as copyFrom } from 'pg-copy-streams';
