import { transferLegStep } from './transfer-leg-step';

/** Transfer saga step: takes the amount from the source account (no overdraft: InsufficientFunds). */
export const handler = transferLegStep('DebitSource', 'debit');
