// Keeps secrets out of everything the server says: error messages, status, logs. Values the
// server knows to be secret are replaced wherever they appear; shapes that look like secrets
// (bearer tokens, PEM private keys, user:password in URLs) are masked even when not known.
const known = new Set<string>();

/** Shorter values would mask ordinary words; real keys and tokens are far longer. */
const minimumLength = 6;

/** Registers a value that must never be shown (an API key, an authorization header, key data). */
export function rememberSecret(value: string | undefined): void {
  if (!value || value.length < minimumLength) return;
  known.add(value);
  // `Bearer <key>` headers: the bare key is secret as well.
  const bare = value.replace(/^bearer\s+/i, '');
  if (bare !== value && bare.length >= minimumLength) known.add(bare);
}

const patterns: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    '[private key redacted]',
  ],
  [/\b(bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/("?authorization"?\s*[:=]\s*"?)[^\s",}]+/gi, '$1[redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]*@/gi, '$1[redacted]@'],
];

/** The text with every known secret and secret-looking value masked. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a key inside a longer header value is masked as a whole.
  for (const value of [...known].sort((a, b) => b.length - a.length))
    out = out.split(value).join('[redacted]');
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts the string values of a plain object (error data), keeping other values. */
export function redactValues<T extends object>(data: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? redact(v) : v;
  return out as T;
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Every line the server logs to the client's output channel passes through `redact`. */
export function redactConsole(connection: {
  console: Record<ConsoleMethod, (message: string) => void>;
}): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = connection.console[method].bind(connection.console);
    connection.console[method] = (message: string) => original(redact(String(message)));
  }
}
