/**
 * The board support package: Xilinx-compatible headers (include/) and their C sources (src/),
 * written for this board and compiled by the firmware engine with the learner's files. Reading the
 * files needs Node's fs (the CLI and tests); a browser build can import the same files as raw text.
 *
 * Build with: files = { ...learnerFiles, ...bsp.files }, systemDirs = [BSP_INCLUDE_DIR], sources =
 * the learner's .c files plus bsp.sources.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { loadCParser } from '../firmware/index.ts';
import type { FirmwareEnv } from '../session.ts';
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

let env: FirmwareEnv | null = null;

/** The session's host in Node (the CLI, graders and tests): the BSP from disk, the parser's wasm
 * found next to its package. */
export function nodeEnv(): FirmwareEnv {
  env ??= { bsp: loadBsp(), parser: loadCParser() };
  return env;
}
