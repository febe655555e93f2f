type Body = Readonly<Record<string, unknown>>;
type Names = Readonly<Record<string, string>>;

const KEYWORDS = new Set(['set', 'remove', 'add', 'delete']);
const TOKEN = /#[\w]+|:[\w]+|[A-Za-z_][\w]*|\S/g;

/** The top-level attribute names an expression's paths start with (`#n.a[0]` → the name `#n` stands for). */
function topLevelNames(expression: string, names: Names): string[] {
  const tokens = expression.match(TOKEN) ?? [];
  const found = new Set<string>();
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    const isName = token.startsWith('#') || /^[A-Za-z_]/.test(token);
    // Not a path start: a nested segment (after `.`), a function name (before `(`), a keyword.
    if (!isName || previous === '.' || next === '(' || KEYWORDS.has(token.toLowerCase())) return;
    found.add(names[token] ?? token);
  });
  return [...found];
}

/**
 * `dynamodb:Attributes`: the top-level attribute names a request names — what a read projects
 * (`ProjectionExpression`, `AttributesToGet`), what a PutItem writes (the item's attributes), what
 * an UpdateItem's expression or `AttributeUpdates` touch. Undefined when it names none (a read
 * of whole items), so the key is absent, as in AWS.
 */
export function requestedAttributes(operation: string, body: Body, item?: unknown): string[] | undefined {
  const names = (body.ExpressionAttributeNames ?? {}) as Names;
  if (operation === 'PutItem') return item && typeof item === 'object' ? Object.keys(item) : undefined;
  if (operation === 'UpdateItem') {
    const fromExpression = typeof body.UpdateExpression === 'string' ? topLevelNames(body.UpdateExpression, names) : [];
    const legacy = body.AttributeUpdates && typeof body.AttributeUpdates === 'object' ? Object.keys(body.AttributeUpdates) : [];
    const all = [...new Set([...fromExpression, ...legacy])];
    return all.length ? all : undefined;
  }
  if (typeof body.ProjectionExpression === 'string') return topLevelNames(body.ProjectionExpression, names);
  if (Array.isArray(body.AttributesToGet)) return body.AttributesToGet.map(String);
  return undefined;
}
