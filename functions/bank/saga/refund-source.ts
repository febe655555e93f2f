import { transferLegStep } from './transfer-leg-step';

/** Transfer saga compensation: gives the source back what was debited, if anything was; safe after any failure and to retry. */
export const handler = transferLegStep('RefundSource', 'refund');
