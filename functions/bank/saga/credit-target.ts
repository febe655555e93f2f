import { transferLegStep } from './transfer-leg-step';

/** Transfer saga step: puts the amount into the target account (closed, missing or in another currency: refused). */
export const handler = transferLegStep('CreditTarget', 'credit');
