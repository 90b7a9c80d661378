/**
 * Collects what learner code prints with `console.log` and friends during a grading run, so the
 * results panel can show it: print debugging is the first thing learners reach for, and in a
 * worker the output would otherwise vanish into the developer tools. Bounded, because a print
 * inside a loop must not flood the page.
 */

export interface CaptureLimits {
  maxLines: number;
  maxChars: number;
}

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** One console argument as text: strings as they are, tensors and others via toString/JSON. */
export function formatArg(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  // Objects with their own toString (tfjs tensors print their values) use it.
  if (typeof value.toString === 'function' && value.toString !== Object.prototype.toString) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function createConsoleCapture(limits: CaptureLimits = { maxLines: 100, maxChars: 10_000 }) {
  const lines: string[] = [];
  let chars = 0;
  let dropped = 0;

  function record(method: string, args: unknown[]) {
    const prefix = method === 'warn' || method === 'error' ? `${method}: ` : '';
    const text = prefix + args.map(formatArg).join(' ');
    if (lines.length >= limits.maxLines || chars >= limits.maxChars) {
      dropped++;
      return;
    }
    const kept = text.slice(0, limits.maxChars - chars);
    lines.push(kept);
    chars += kept.length;
  }

  return {
    /** Replaces the console's printing methods with recorders. */
    install(target: Pick<Console, (typeof METHODS)[number]>) {
      for (const method of METHODS) {
        target[method] = (...args: unknown[]) => record(method, args);
      }
    },
    /** The captured lines, with a last line saying how many more were dropped. */
    lines(): string[] {
      return dropped > 0 ? [...lines, `… ${dropped} more lines not shown`] : [...lines];
    },
  };
}
