/**
 * The board's build and run-time messages as lines, each with the place in the learner's files
 * it names, so the Build messages pane can turn them into links and the editor into markers.
 * Two shapes are recognised: GCC's `main.c:12:5: error: message` (GCC manual, "Diagnostic
 * Message Formatting Options": file:line:column: severity: text) and the board's call stack
 * lines `  at main (main.c:3)` (board/session.ts, runtime messages).
 */
export type Severity = 'error' | 'warning' | 'note';

export interface MessageLocation {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

export interface MessageLine {
  text: string;
  at: MessageLocation | null;
}

const GCC_LINE = /^([\w./-]+\.[ch]):(\d+)(?::(\d+))?: (error|warning|note): (.*)$/;
const STACK_LINE = /^\s*at (\S+) \(([\w./-]+\.[ch]):(\d+)\)\s*$/;

/** Splits `text` into lines and finds each line's file location, when it names one. */
export function parseBuildMessages(text: string): MessageLine[] {
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed === '') return [];
  return trimmed.split('\n').map((line) => {
    const gcc = GCC_LINE.exec(line);
    if (gcc) {
      return {
        text: line,
        at: {
          file: gcc[1]!,
          line: Number(gcc[2]),
          column: gcc[3] ? Number(gcc[3]) : 1,
          severity: gcc[4] as Severity,
          message: gcc[5]!,
        },
      };
    }
    const stack = STACK_LINE.exec(line);
    if (stack) {
      return {
        text: line,
        at: {
          file: stack[2]!,
          line: Number(stack[3]),
          column: 1,
          severity: 'error',
          message: line.trim(),
        },
      };
    }
    return { text: line, at: null };
  });
}

/** The errors and warnings in `file`, as editor markers take them (notes stay in the list). */
export function markersFor(lines: readonly MessageLine[], file: string): MessageLocation[] {
  return lines
    .map((l) => l.at)
    .filter((at): at is MessageLocation => at !== null && at.file === file)
    .filter((at) => at.severity !== 'note');
}
