import { disputeReasonCodes, portalMessageTopics } from '@relance/contracts/portal-talk';
import { describe, expect, it } from 'vitest';
import { fileProblem, formatSize } from '../../src/features/portal/components/PortalFileField.tsx';
import { DISPUTE_REASONS, MESSAGE_TOPICS } from '../../src/features/portal/components/talk-lists.ts';
import { disputeDraftProblem } from '../../src/features/portal/components/useDisputeForm.ts';
import { talkMessages } from '../../src/features/portal/messages-talk.ts';

// The debtor's page writes the server's lists out (it imports no runtime code from the contracts):
// they stay equal, and each has its words in both languages.
describe("the debtor's dispute and message forms", () => {
  it('offer the reasons and topics the server accepts, each labelled', () => {
    expect(DISPUTE_REASONS).toEqual(disputeReasonCodes);
    expect(MESSAGE_TOPICS).toEqual(portalMessageTopics);
    const keys = Object.keys(talkMessages);
    for (const reason of DISPUTE_REASONS) expect(keys).toContain(`talk.reason.${reason}`);
    for (const topic of MESSAGE_TOPICS) expect(keys).toContain(`talk.topic.${topic}`);
  });

  it('say what is missing before sending, and refuse a file the server would refuse', () => {
    expect(disputeDraftProblem({ reason: null, claimRef: '', text: '', file: null })).toBe('talk.dispute.reasonMissing');
    expect(disputeDraftProblem({ reason: 'other', claimRef: '', text: '  ', file: null })).toBe('talk.dispute.textMissing');
    expect(disputeDraftProblem({ reason: 'already_paid', claimRef: '', text: '', file: null })).toBeNull();
    const file = (name: string, type: string, size: number) => ({ name, type, size }) as File;
    expect(fileProblem(file('releve.pdf', 'application/pdf', 10 * 1024 * 1024))).toBeNull();
    expect(fileProblem(file('releve.pdf', 'application/pdf', 10 * 1024 * 1024 + 1))).toBe('talk.file.tooLarge');
    expect(fileProblem(file('IMG_1.HEIC', 'image/heic', 1000))).toBe('talk.file.wrongType');
    expect(fileProblem(file('photo.JPG', '', 1000))).toBeNull();
    expect(formatSize(1_288_490, 'fr')).toBe('1,2 Mo');
    expect(formatSize(2048, 'en')).toBe('2 KB');
  });
});
