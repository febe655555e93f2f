import { contextValues, type RequestContext } from './request-context';

/** `${key}` or `${key, 'default'}`; `${*}`, `${?}` and `${$}` stand for the characters themselves. */
const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

type Variable = { key: string; fallback?: string };

function parse(inner: string): Variable {
  const match = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  return match ? { key: match[1] as string, ...(match[2] === undefined ? {} : { fallback: match[2] }) } : { key: inner.trim() };
}

/** The context keys a policy string refers to through variables. */
export function variableKeys(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => parse(m[1] ?? '')).filter((v) => !(v.key in SPECIAL)).map((v) => v.key);
}

/**
 * The string with its policy variables replaced by the request's values (a variable's default
 * when the request has none); undefined when a variable has neither, for then the policy value
 * matches nothing. A multivalued key cannot stand in a variable: that also matches nothing.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
  if (!text.includes('${')) return text;
  let unresolved = false;
  const result = text.replace(VARIABLE, (_, inner: string) => {
    const variable = parse(inner);
    const special = SPECIAL[variable.key];
    if (special) return special;
    const values = contextValues(context, variable.key);
    if (values?.length === 1) return values[0] as string;
    if (variable.fallback !== undefined) return variable.fallback;
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : result;
}
