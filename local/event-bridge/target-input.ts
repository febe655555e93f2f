/** How a rule target shapes the event it delivers, as in AWS::Events::Rule Target. */
export type TargetInputSpec = {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
};

/** A path the local runtime cannot read: a startup error rather than a wrong delivery. */
export class UnsupportedInputPathError extends Error {
  constructor(path: string) {
    super(`input path ${path} is not supported locally (use $ or a dotted path such as $.detail.orderId)`);
    this.name = 'UnsupportedInputPathError';
  }
}

const DOTTED = /^\$(\.[A-Za-z0-9_-]+)*$/;

export function checkTargetInput(spec: TargetInputSpec): void {
  const paths = [spec.InputPath, ...Object.values(spec.InputTransformer?.InputPathsMap ?? {})].filter((p): p is string => p !== undefined);
  for (const path of paths) if (!DOTTED.test(path)) throw new UnsupportedInputPathError(path);
}

/** The value at a dotted JSONPath, or undefined. */
export function readPath(event: unknown, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), event);
}

/**
 * What the target receives, as EventBridge builds it: the constant `Input`, the part of the event
 * at `InputPath`, the template of `InputTransformer`, or else the whole event. In a template a
 * placeholder inside a JSON string is replaced by the raw text; elsewhere by the JSON value (null
 * when the path is missing).
 */
export function targetInput(spec: TargetInputSpec, event: unknown): unknown {
  if (spec.Input !== undefined) return JSON.parse(spec.Input);
  if (spec.InputPath !== undefined) return readPath(event, spec.InputPath) ?? null;
  const transformer = spec.InputTransformer;
  if (!transformer) return event;
  const values = Object.fromEntries(Object.entries(transformer.InputPathsMap ?? {}).map(([name, path]) => [name, readPath(event, path)]));
  let inString = false;
  let output = '';
  const template = transformer.InputTemplate;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '"' && template[i - 1] !== '\\') inString = !inString;
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (placeholder && placeholder[1]! in values) {
      const value = values[placeholder[1]!];
      output += inString ? (typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value ?? null)) : JSON.stringify(value ?? null);
      i += placeholder[0].length - 1;
    } else {
      output += char;
    }
  }
  // A template need not be JSON (a plain string target input); hand it over as text then.
  try {
    return JSON.parse(output);
  } catch {
    return output;
  }
}
