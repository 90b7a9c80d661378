// A virtual include tree: the learner's sources plus the board support package headers, looked up
// the way GCC's search path does it (GCC manual, "Search Path"), with no file system underneath.

export interface SourceFile {
  path: string;
  text: string;
}

export interface Vfs {
  /** Directories searched for `<...>` includes and, after the includer's directory, `"..."`. */
  readonly systemDirs: readonly string[];
  /** The file at exactly this (normalised) path. */
  read(path: string): SourceFile | undefined;
  /** `#include "name"`: the including file's directory first, then the system directories. */
  resolveQuoted(name: string, includerPath: string): SourceFile | undefined;
  /** `#include <name>`: the system directories only. */
  resolveAngled(name: string): SourceFile | undefined;
}

/** Collapses `.`, `..` and repeated slashes so `src/../inc/a.h` and `inc/a.h` name one file. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** The directory part of a path, '' for a file at the root of a relative tree. */
export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return normalizePath(name);
  return normalizePath(`${dir}/${name}`);
}

export function createVfs(files: Record<string, string>, systemDirs: string[] = []): Vfs {
  const byPath = new Map<string, SourceFile>();
  for (const [path, text] of Object.entries(files)) {
    const normal = normalizePath(path);
    byPath.set(normal, { path: normal, text });
  }
  const dirs = systemDirs.map(normalizePath);

  function read(path: string): SourceFile | undefined {
    return byPath.get(normalizePath(path));
  }

  function searchSystem(name: string): SourceFile | undefined {
    if (name.startsWith('/')) return read(name);
    for (const dir of dirs) {
      const found = read(joinPath(dir, name));
      if (found) return found;
    }
    return undefined;
  }

  return {
    systemDirs: dirs,
    read,
    resolveQuoted: (name, includerPath) =>
      read(joinPath(dirnameOf(includerPath), name)) ?? searchSystem(name),
    resolveAngled: searchSystem,
  };
}
