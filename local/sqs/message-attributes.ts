import { createHash } from 'node:crypto';

/** A message attribute in SQS's JSON shape; a binary value travels base64-encoded, as in the JSON protocol. */
export type MessageAttribute = { DataType: string; StringValue?: string; BinaryValue?: string };
export type MessageAttributes = Record<string, MessageAttribute>;

/** An attribute SQS would refuse (its InvalidParameterValue). */
export class InvalidMessageAttribute extends Error {
  readonly name = 'InvalidParameterValue';
}

/** SQS's quota of attributes on one message. */
const MAX_ATTRIBUTES = 10;
/** Letters, digits, `_`, `-` and `.`, up to 256, no leading, trailing or doubled period. */
const NAME = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/;
const RESERVED_PREFIX = /^(aws|amazon)\./i;
/** A type is String, Number or Binary, optionally with a custom label (`Number.float`). */
const DATA_TYPE = /^(String|Number|Binary)(\..{1,250})?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The `MessageAttributes` of a SendMessage (or batch entry) as SDK v3 sends them, checked as SQS
 * checks them; only the members SQS keeps (list values are reserved and ignored).
 */
export function parseMessageAttributes(value: unknown): MessageAttributes {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidMessageAttribute('MessageAttributes must be a map of attribute name to value');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) throw new InvalidMessageAttribute(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  return Object.fromEntries(entries.map(([name, attribute]) => [name, parseAttribute(name, attribute)]));
}

function parseAttribute(name: string, value: unknown): MessageAttribute {
  if (!NAME.test(name) || RESERVED_PREFIX.test(name)) throw new InvalidMessageAttribute(`Message (user) attribute name '${name}' is invalid.`);
  const { DataType, StringValue, BinaryValue } = (value ?? {}) as Record<string, unknown>;
  const type = typeof DataType === 'string' ? DATA_TYPE.exec(DataType)?.[1] : undefined;
  if (!type) throw new InvalidMessageAttribute(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  const empty = new InvalidMessageAttribute(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
  if (type === 'Binary') {
    if (typeof BinaryValue !== 'string' || BinaryValue === '') throw empty;
    return { DataType: DataType as string, BinaryValue };
  }
  if (typeof StringValue !== 'string' || StringValue === '') throw empty;
  if (type === 'Number' && !NUMBER.test(StringValue)) throw new InvalidMessageAttribute(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  return { DataType: DataType as string, StringValue };
}

/** String attributes from plain values (what EventBridge writes on a dead letter). */
export function stringAttributes(values: Record<string, string>): MessageAttributes {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}

/**
 * The attributes a ReceiveMessage asked for by `MessageAttributeNames`: `All` or `.*` is every one,
 * `prefix.*` those whose name starts with `prefix.`, any other entry the attribute of that name.
 */
export function selectAttributes(attributes: MessageAttributes, names: unknown): MessageAttributes {
  const asked = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  const wanted = (name: string) => asked.some((a) => a === 'All' || a === '.*' || a === name || (a.endsWith('.*') && name.startsWith(a.slice(0, -1))));
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => wanted(name)));
}

/** The bytes the attributes add to a message's size (names, types and values, as SQS counts them). */
export function attributesBytes(attributes: MessageAttributes): number {
  return Object.entries(attributes).reduce((sum, [name, a]) => sum + Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + valueBytes(a).length, 0);
}

/**
 * MD5OfMessageAttributes by SQS's algorithm: for each attribute in name order, the name, the type
 * and the value, each preceded by its length (4 bytes, big-endian), with a transport byte (1 for a
 * string value, 2 for binary) before the value. Undefined when there are none, as SQS leaves it out.
 */
export function md5OfAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name)));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType)));
    hash.update(Buffer.from([attribute.BinaryValue === undefined ? 1 : 2]));
    hash.update(lengthPrefixed(valueBytes(attribute)));
  }
  return hash.digest('hex');
}

function valueBytes(attribute: MessageAttribute): Buffer {
  return attribute.BinaryValue === undefined ? Buffer.from(attribute.StringValue ?? '') : Buffer.from(attribute.BinaryValue, 'base64');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
