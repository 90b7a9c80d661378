/**
 * What learner code threw, in words. JavaScript lets a program throw any value (MDN, "throw":
 * https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/throw), not only
 * an `Error`, and a value's `toString`, `name` or `message` are the learner's code too: they may
 * themselves throw. Nothing here may throw, or the grader would report its own crash instead of
 * the learner's mistake.
 */

const MAX_CHARS = 200;

function clip(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

/** `String(value)`, or null when converting throws (a `toString` or getter that throws). */
function safeString(value: unknown): string | null {
  try {
    return String(value);
  } catch {
    return null;
  }
}

const UNREADABLE = Symbol('unreadable');

/** A property read that cannot throw (getters and proxies are learner code). */
function safeGet(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/**
 * The thrown value as the object of "your code threw …": an `Error` as `Name: message`, a string
 * as `the string 'x'`, other primitives by type, an object by its text when it has one.
 */
export function describeThrown(value: unknown): string {
  if (typeof value === 'string') return `the string '${clip(value)}'`;
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    return `the number ${String(value)}`;
  }
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (typeof value === 'symbol') return `a symbol (${safeString(value.description) ?? '?'})`;
  if (typeof value === 'function') return 'a function';
  let isError = false;
  try {
    isError = value instanceof Error;
  } catch {
    // A Proxy whose getPrototypeOf trap throws: not an Error as far as we can tell.
  }
  if (isError) {
    const rawName = safeGet(value, 'name');
    const name = (rawName !== UNREADABLE && safeString(rawName)) || 'Error';
    const rawMessage = safeGet(value, 'message');
    const message = rawMessage === UNREADABLE ? null : safeString(rawMessage);
    if (message === null) return `${name} (its message could not be read)`;
    return clip(message ? `${name}: ${message}` : name);
  }
  const text = safeString(value);
  if (text === null) return 'an object (its toString() threw)';
  if (text !== '[object Object]') return `an object: ${clip(text)}`;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return `an object ${clip(json)}`;
  } catch {
    // Cycles or a throwing toJSON: the plain description below.
  }
  return 'an object';
}
