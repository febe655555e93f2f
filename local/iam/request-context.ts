/** A context key's value: one string, or a list for a multivalued key such as `dynamodb:LeadingKeys`. */
export type ContextValue = string | readonly string[];

/**
 * The request context a policy's conditions are checked against: each key the request carries,
 * by its name in lower case (IAM compares key names case-insensitively). An absent key is not
 * the same as an empty list: both count as "no value" for `Null` and the set operators.
 */
export type RequestContext = Readonly<Record<string, ContextValue>>;

/** A context from named values, leaving out the undefined ones. */
export function requestContext(values: Record<string, ContextValue | undefined>): RequestContext {
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) context[key.toLowerCase()] = value;
  return context;
}

/** The key's values as a list, or undefined when the request does not carry it. */
export function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
  const value = context[key.toLowerCase()];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value;
}
