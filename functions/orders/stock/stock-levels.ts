import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../platform/batch-get';
import { initialStockLevel, stockMoveOf, type ProductEvent, type ReservationEvent, type StockLevel, type StockMove } from '../domain';
import type { ExtraWrite } from '../../platform/eventstore';
import { StockLevelRefused } from './stock-level-refused';


/**
 * The stock levels table: one item per product, moved only in the same transaction as the event
 * that moves it (see `stockMoveOf`). Reservations of one product by many orders do not conflict:
 * each is an `ADD` conditioned on enough units available, which DynamoDB applies one after
 * another on the item, instead of a read-decide-write race on one stream.
 */
export type StockLevels = {
  /** The current levels of some products (strongly consistent); a product that does not exist is absent. */
  read(skus: string[]): Promise<Record<string, StockLevel | undefined>>;
  /** The writes that move the levels as these events say, for the events' own transaction. */
  writesFor(events: (ProductEvent | ReservationEvent)[]): ExtraWrite[];
};

export function stockLevels(client: DynamoDBDocumentClient, tableName: string): StockLevels {
  return {
    async read(skus) {
      const levels: Record<string, StockLevel | undefined> = {};
      for (const item of await batchGetAll(client, tableName, [...new Set(skus)].map((sku) => ({ sku })))) levels[String(item.sku)] = levelOf(item);
      return levels;
    },

    writesFor(events) {
      const writes: ExtraWrite[] = [];
      const moves = new Map<string, StockMove>();
      for (const event of events) {
        if (event.type === 'ProductAdded') {
          writes.push({ tableName, item: initialStockLevel(event), condition: 'attribute_not_exists(sku)' });
          continue;
        }
        const move = stockMoveOf(event);
        // One transaction may touch an item once: moves of one product in one append add up.
        if (move) moves.set(move.sku, merged(moves.get(move.sku), move));
      }
      for (const move of moves.values()) writes.push(updateFor(tableName, move));
      return writes;
    },
  };
}

function updateFor(tableName: string, { sku, by, needsAvailable }: StockMove): ExtraWrite {
  return {
    tableName,
    key: { sku },
    update: 'ADD onHand :onHand, reserved :reserved, sold :sold, available :available',
    // Never creates a level (ADD would): a product that does not exist has none to move.
    condition: needsAvailable === undefined ? 'attribute_exists(sku)' : 'attribute_exists(sku) AND available >= :needed',
    values: { ':onHand': by.onHand, ':reserved': by.reserved, ':sold': by.sold, ':available': by.available, ...(needsAvailable === undefined ? {} : { ':needed': needsAvailable }) },
    whenRefused: () => new StockLevelRefused(sku),
  };
}

function merged(earlier: StockMove | undefined, move: StockMove): StockMove {
  if (!earlier) return move;
  const needs = (earlier.needsAvailable ?? 0) + (move.needsAvailable ?? 0);
  return {
    sku: move.sku,
    by: {
      onHand: earlier.by.onHand + move.by.onHand,
      reserved: earlier.by.reserved + move.by.reserved,
      sold: earlier.by.sold + move.by.sold,
      available: earlier.by.available + move.by.available,
    },
    ...(needs > 0 ? { needsAvailable: needs } : {}),
  };
}

function levelOf(item: Record<string, unknown>): StockLevel {
  return { sku: String(item.sku), onHand: Number(item.onHand), reserved: Number(item.reserved), sold: Number(item.sold), available: Number(item.available) };
}
