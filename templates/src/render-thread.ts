// The code of a letter render thread (render-pool.ts): renders one letter per task.
import type { LetterKind, LetterProps } from './letter-model.ts';
import { renderLetterPdf } from './render.ts';

export type LetterRenderTask = { kind: LetterKind; props: LetterProps };

export default async function renderLetterTask(task: LetterRenderTask): Promise<Uint8Array> {
  return await renderLetterPdf(task.kind, task.props);
}
