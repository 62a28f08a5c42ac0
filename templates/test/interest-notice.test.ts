import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../src/render.ts';
import { consumerProps, FIRST_LETTER, professionalProps } from './fixtures.ts';
import { pdfText } from './pdf-text.ts';

// The mise en demeure says it starts interest at the taux légal (C. civ. 1231-6, 1344-1) exactly
// where C. com. L441-10 does not apply: a consumer debtor, or a creditor not acting professionally
// (issue #15, interest basis). Between professionals, penalties run from the due date without it.

const sentence = 'La présente mise en demeure fait courir les intérêts au taux légal';

async function noticeText(props: ReturnType<typeof professionalProps>): Promise<string> {
  return (await pdfText(await renderLetterPdf('mise_en_demeure', { ...props, firstLetter: FIRST_LETTER }))).text;
}

describe('the mise en demeure and the interest it starts', () => {
  it('between professionals: not said (L441-10 penalties run from the due date)', async () => {
    expect(await noticeText(professionalProps())).not.toContain(sentence);
  });
  it('a consumer debtor: said', async () => {
    expect(await noticeText(consumerProps())).toContain(sentence);
  });
  it('a company debtor of a creditor not acting professionally: said', async () => {
    const props = professionalProps();
    expect(await noticeText({ ...props, creditor: { ...props.creditor, actsProfessionally: false } })).toContain(sentence);
  });
});
