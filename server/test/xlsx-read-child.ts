// Reads the workbook at argv[2] the way an import does, in a process of its own started with the
// heap flags of `npm start` and of the worker (imports-xlsx-bomb.test.ts), and prints the outcome
// as one JSON line: the rows read, or the refusal's code.
import { createReadStream } from 'node:fs';
import { openFile } from '../src/features/imports/reader.ts';
import { AppError } from '../src/plugins/errors.ts';

const path = process.argv[2] as string;
try {
  const file = await openFile(() => createReadStream(path, { highWaterMark: 1024 * 1024 }), 'xlsx', null);
  let rows = 0;
  try {
    for await (const _record of file.records) rows += 1;
  } finally {
    await file.close();
  }
  console.log(JSON.stringify({ rows, heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6) }));
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.log(JSON.stringify({ code: error.code, statusCode: error.statusCode, details: error.details, heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6) }));
}
