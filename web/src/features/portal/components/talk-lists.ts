import type { DisputeReasonCode, PortalMessageTopic } from '@relance/contracts/portal-talk';

// The server's lists (contracts/portal-talk.ts disputeReasonCodes, portalMessageTopics), written
// here because the debtor's page imports no runtime code from the contracts (zod would weigh on it);
// web/test/unit/portal-talk-lists.test.ts holds them equal.
export const DISPUTE_REASONS: readonly DisputeReasonCode[] = ['not_owed', 'already_paid', 'amount_wrong', 'goods_or_service_defective', 'not_me', 'other'];
export const MESSAGE_TOPICS: readonly PortalMessageTopic[] = ['hardship', 'wrong_address', 'already_paid', 'question', 'other'];
