import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { orderProjector } from './order-projector';
import { projectBatch } from './project-batch';

const project = orderProjector(documentClient(), requireEnv('ORDERS_TABLE'));

/** Stream consumer: order events → the orders view. */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => projectBatch(event.Records, project);
