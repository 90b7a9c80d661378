/**
 * The learner's firmware files as the board builds them: which `.c` files go to which CPU, and
 * whether the files changed since the last build. Saving them is site/storage's (board-files.ts).
 */
import type { FirmwareSources } from '../../../board/session.ts';

export type Files = Readonly<Record<string, string>>;

/**
 * The C sources to build: every `.c` file, in name order (headers are included, not built). The
 * `.c` files named in `cpu1` are CPU1's program, built on their own and linked at 0x02000000
 * (CPU1_TEXT_BASE); the rest are CPU0's. Both programs see every header.
 */
export function sourcesOf(files: Files, cpu1: readonly string[] = []): FirmwareSources {
  const cFiles = Object.keys(files)
    .filter((f) => f.endsWith('.c'))
    .sort();
  const cpu1Sources = cFiles.filter((f) => cpu1.includes(f));
  return {
    files: { ...files },
    sources: cFiles.filter((f) => !cpu1.includes(f)),
    ...(cpu1Sources.length ? { cpu1Sources } : {}),
  };
}

/** Whose a file is: a `.c` file of CPU0's or CPU1's program, or a header both include. */
export type FileRole = 'cpu0' | 'cpu1' | 'header';

export function fileRole(name: string, cpu1: readonly string[]): FileRole {
  if (!name.endsWith('.c')) return 'header';
  return cpu1.includes(name) ? 'cpu1' : 'cpu0';
}

/** Whether two sets of files have the same names and contents. */
export function sameFiles(a: Files, b: Files): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
