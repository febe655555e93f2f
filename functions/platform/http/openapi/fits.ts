import type * as z from '../zod';

/** Whether every value of `Value` is one `Schema` describes (what a handler answers fits its documented schema). */
export type Fits<Value, Schema extends z.ZodMiniType> = [Value] extends [z.output<Schema>] ? true : false;

/** Fails to compile unless `T` is true. */
export type Assert<T extends true> = T;
