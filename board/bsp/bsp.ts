/**
 * The board support package: Xilinx-compatible headers (include/) and their C sources (src/),
 * written for this board and compiled by the firmware engine with the learner's files. Reading the
 * files needs Node's fs (the CLI and tests); a browser build can import the same files as raw text.
 *
 * Build with: files = { ...learnerFiles, ...bsp.files }, systemDirs = [BSP_INCLUDE_DIR], sources =
 * the learner's .c files plus bsp.sources.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCParser } from '../firmware/index.ts';
import type { FirmwareEnv } from '../session.ts';
import { tempStore } from '../temp-store.ts';
import { BSP_INCLUDE_DIR, BSP_SOURCE_DIR } from './paths.ts';

export { BSP_INCLUDE_DIR, BSP_SOURCE_DIR };

export interface Bsp {
  /** Virtual path to text for every header and source. */
  readonly files: Record<string, string>;
  /** The virtual paths of the BSP's C sources. */
  readonly sources: readonly string[];
}

let cached: Bsp | null = null;

export function loadBsp(): Bsp {
  if (cached) return cached;
  const files: Record<string, string> = {};
  const sources: string[] = [];
  for (const [dir, virtual] of [
    ['include', BSP_INCLUDE_DIR],
    ['src', BSP_SOURCE_DIR],
  ] as const) {
    const url = new URL(`./${dir}/`, import.meta.url);
    for (const name of readdirSync(url).sort()) {
      const path = `${virtual}/${name}`;
      files[path] = readFileSync(new URL(name, url), 'utf8');
      if (name.endsWith('.c')) sources.push(path);
    }
  }
  cached = { files, sources };
  return cached;
}

/** A hash of the firmware engine's sources: compiled units are only valid for the same compiler. */
function engineHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(fileURLToPath(new URL('../firmware/', import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

let env: FirmwareEnv | null = null;

/**
 * The session's host in Node (the CLI, graders and tests): the BSP from disk, the parser's wasm
 * found next to its package, and the compiled BSP kept in the OS temporary directory.
 */
export function nodeEnv(): FirmwareEnv {
  env ??= {
    bsp: loadBsp(),
    parser: loadCParser(),
    bspStore: tempStore('bsp'),
    bspSalt: `-${engineHash()}`,
  };
  return env;
}
