/**
 * The small interface the exercise island uses to talk to whichever editor is showing: Monaco
 * on desktops, a plain textarea on touch devices. Keeping it this narrow is what lets the island
 * load Monaco lazily and swap it out without caring which one it got.
 */
import type { CompileError } from '../../../exercises/grader/types.ts';

export type ExerciseLanguage = 'ts' | 'c';

export interface EditorOptions {
  exerciseId: string;
  /** The file being edited, relative to the exercise's start/ folder. */
  fileName: string;
  language: ExerciseLanguage;
  value: string;
  ariaLabel: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
}

export interface EditorHandle {
  getValue(): string;
  setValue(value: string): void;
  focus(): void;
  /**
   * The TypeScript errors the editor's language service finds in the file (Monaco only; the
   * plain editor has no type checker), sent with the submission.
   */
  typeErrors?(): Promise<CompileError[]>;
  /** Shows the grader's compile errors as error markers. */
  setCompileErrors(errors: CompileError[]): void;
  revealLine(line: number, column: number): void;
  dispose(): void;
}

/**
 * Touch-first devices get a textarea: Monaco does not support mobile browsers (its own issues
 * #246, #3097) and typing on phones is unreliable in it.
 */
export function prefersPlainEditor(
  matchMedia: ((query: string) => { matches: boolean }) | undefined,
): boolean {
  return matchMedia?.('(pointer: coarse)').matches ?? false;
}

/** Whether a key event is the run shortcut (Ctrl+Enter, or Cmd+Enter on a Mac). */
export function isRunShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
