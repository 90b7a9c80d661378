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
  try {
    return formatArgUnsafe(value);
  } catch {
    // A getter or toString of the learner's that throws: printing must not fail the run.
    return '[object (its toString() threw)]';
  }
}

function formatArgUnsafe(value: unknown): string {
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

/** What a run keeps: enough to debug with, little enough for a terminal or a results panel. */
export const OUTPUT_LIMITS: CaptureLimits = { maxLines: 200, maxChars: 20_000 };

export function createConsoleCapture(limits: CaptureLimits = OUTPUT_LIMITS) {
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
    /**
     * The captured lines, with a last line saying how many more were dropped. Kept in memory and
     * sent with the result, so nothing is lost when the worker is terminated right after.
     */
    lines(): string[] {
      if (dropped === 0) return [...lines];
      const limit = `${limits.maxLines} lines or ${Math.round(limits.maxChars / 1000)} kB`;
      const more = `${dropped} more line${dropped === 1 ? '' : 's'}`;
      return [...lines, `… output truncated: ${more} not shown (the limit is ${limit})`];
    },
  };
}
