/** HTML that is already safe to put in a page (built by {@link html}). */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML body or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A template tag for HTML: every interpolated value is escaped unless it is {@link SafeHtml} (an
 * inner template), and arrays are joined. Execution inputs and errors come from outside: they are
 * always text here, never markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const piece = (value: unknown): string =>
    value instanceof SafeHtml ? value.text : Array.isArray(value) ? value.map(piece).join('') : value === undefined || value === null || value === false ? '' : escapeHtml(String(value));
  return new SafeHtml(strings.reduce((out, text, index) => out + text + (index < values.length ? piece(values[index]) : ''), ''));
}

/** Markup written in this code (the page's style sheet), put in as it is. */
export const trustedHtml = (text: string): SafeHtml => new SafeHtml(text);
