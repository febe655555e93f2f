/** Examples for the bank's operations in the document; a test checks each against its schema. */

const MINE = '5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const THEIRS = '6c2f3d4e-5a6b-4c7d-9e8f-0a1b2c3d4e5f';
const TRANSFER = '8e4b5f6a-7c8d-4e9f-8a0b-2c3d4e5f6a7b';
const AT = '2026-12-02T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

export const EXAMPLES = {
  account: { status: 'open', accountId: MINE, ownerId: 'c-1', currency: 'EUR', balance: 10000, version: 2 },
  accountView: { accountId: MINE, ownerId: 'c-1', currency: 'EUR', balance: 10000, status: 'open', openedAt: AT, updatedAt: AT, version: 2 },
  transaction: { feed: 'feed', accountId: MINE, seq: '000000000002', version: 2, kind: 'deposit', direction: 'in', amount: eur(10000), at: AT },
  requestTransfer: { sourceAccountId: MINE, targetAccountId: THEIRS, amount: eur(2000) },
  transferRequested: { status: 'requested', transferId: TRANSFER, sourceAccountId: MINE, targetAccountId: THEIRS, amount: eur(2000), debited: false, credited: false, refunded: false, version: 1 },
  transferCompleted: { status: 'completed', transferId: TRANSFER, sourceAccountId: MINE, targetAccountId: THEIRS, amount: eur(2000), debited: true, credited: true, refunded: false, version: 4 },
  transferView: { transferId: TRANSFER, sourceAccountId: MINE, targetAccountId: THEIRS, amount: eur(2000), requestedBy: 'c-1', requestedAt: AT, status: 'completed', updatedAt: AT, version: 4 },
  history: { accountId: MINE, version: 1, events: [{ version: 1, type: 'AccountOpened', at: AT, data: { accountId: MINE, ownerId: 'c-1', currency: 'EUR', openedAt: AT }, eventId: 'a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d', correlationId: 'req-1' }] },
} as const;

export const TRANSFER_DETAILS = { ...EXAMPLES.transferView, saga: { status: 'SUCCEEDED', path: ['DebitSource', 'CreditTarget', 'CompleteTransfer', 'TransferCompleted'] } };
