import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { ORDERS_ENV } from '../contract/environment';
import type { PaymentGateway } from './payment-gateway';
import { simulatedGateway } from './simulated-gateway';
import { dynamoDbLedger } from './simulator-ledger';

/** Charges above this (100 000.00 in a two-decimal currency) are declined unless the stack says otherwise. */
const DEFAULT_AMOUNT_LIMIT = 10_000_000;

/**
 * The gateway the functions use. Only the simulator exists today, keeping its records in the
 * ledger table the stack names; a real processor is another adapter of the same port, chosen here.
 */
export function paymentGatewayFromEnv(client: DynamoDBDocumentClient = documentClient()): PaymentGateway {
  return paymentGateway(client, requireEnv(ORDERS_ENV.paymentGatewayLedgerTable));
}

/** The gateway with its records in `ledgerTable` (the operator tools name it from the stack's outputs). */
export function paymentGateway(client: DynamoDBDocumentClient, ledgerTable: string): PaymentGateway {
  const limit = Number(process.env.PAYMENT_AMOUNT_LIMIT ?? DEFAULT_AMOUNT_LIMIT);
  return simulatedGateway({ amountLimit: Number.isSafeInteger(limit) && limit >= 0 ? limit : DEFAULT_AMOUNT_LIMIT, ledger: dynamoDbLedger(client, ledgerTable) });
}
