import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { projectBatch } from './project-batch';
import { statsProjector } from './stats-projector';

const project = statsProjector(documentClient(), requireEnv('STATS_TABLE'));

/** Stream consumer: order events → orders by status, revenue by day, saga outcomes. */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => projectBatch(event.Records, project);
