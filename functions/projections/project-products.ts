import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { productProjector } from './product-projector';
import { projectBatch } from './project-batch';

const project = productProjector(documentClient(), requireEnv('PRODUCTS_TABLE'));

/** Stream consumer: product events → the products view. */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => projectBatch(event.Records, project);
