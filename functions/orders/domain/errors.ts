import { DomainError } from '../../platform/domain/errors';

export class OrderNotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(context: { orderId: string }) {
    super(`order ${context.orderId} does not exist`, context);
  }
}

export class OrderAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string }) {
    super(`order ${context.orderId} already exists`, context);
  }
}

export class InvalidOrderTransition extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; status: string; command: string }) {
    super(`cannot ${context.command}: order ${context.orderId} is ${context.status}`, context);
  }
}

export class EmptyOrder extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string }) {
    super(`order ${context.orderId} has no items; add some before placing it`, context);
  }
}

export class ProductNotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(context: { sku: string }) {
    super(`product ${context.sku} does not exist`, context);
  }
}

export class ProductAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { sku: string }) {
    super(`product ${context.sku} already exists`, context);
  }
}

export type Shortage = { sku: string; requested: number; available: number };

export class InsufficientStock extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { shortages: Shortage[] }) {
    const list = context.shortages.map((s) => `${s.sku} (requested ${s.requested}, available ${s.available})`).join(', ');
    super(`insufficient stock for ${list}`, context);
  }
}

export class InvalidQuantity extends DomainError {
  readonly kind = 'invalid';
  constructor(context: { sku: string; quantity: number }) {
    super(`quantity ${context.quantity} of ${context.sku} is not a positive whole number`, context);
  }
}

export class ItemNotInOrder extends DomainError {
  readonly kind = 'not-found';
  constructor(context: { orderId: string; sku: string }) {
    super(`order ${context.orderId} has no line for ${context.sku}`, context);
  }
}

export class TooManyLines extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; max: number }) {
    super(`order ${context.orderId} cannot hold more than ${context.max} lines`, context);
  }
}

export class NoReservation extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; sku?: string }) {
    super(`order ${context.orderId} holds no reservation${context.sku ? ` of ${context.sku}` : ''} to commit`, context);
  }
}

export class PaymentDeclined extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; reason: string }) {
    super(`payment for order ${context.orderId} was declined: ${context.reason}`, context);
  }
}

export class LineQuantityTooLarge extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; sku: string; quantity: number; max: number }) {
    super(`order ${context.orderId} would hold ${context.quantity} of ${context.sku}; a line holds at most ${context.max}`, context);
  }
}

export class OrderTotalTooLarge extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { orderId: string; max: number }) {
    super(`order ${context.orderId} would cost more than ${context.max} minor units, the most an order can total`, context);
  }
}
