/**
 * The BSP compiled once per content: its translation units (preprocessed, parsed and checked) are
 * the same for every learner build, so a build compiles only the learner's files and links them
 * with these. Compiled units are kept in memory per BSP content hash (the browser's cache) and, when
 * the host gives a `BspUnitStore` (Node: board/temp-store.ts, a file in the OS temp dir), as
 * text between processes.
 */
import type { Parser } from 'web-tree-sitter';
import { build, type Diagnostic, type TranslationUnit } from '../firmware/index.ts';
import type { TextStore } from '../temp-store.ts';
import type { Bsp } from './bsp.ts';
import { BSP_INCLUDE_DIR } from './paths.ts';

/** Where compiled BSP units may be kept between processes, under a key naming their content. */
export type BspUnitStore = TextStore;

export interface CompiledBsp {
  readonly units: readonly TranslationUnit[];
  /** The BSP's own diagnostics (none for a clean BSP). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The unit numbers the BSP's statics are named with (`name@unit`): far above any learner build's,
 * so the cached units link beside any number of learner sources.
 */
const BSP_UNIT_BASE = 1000;

const memory = new Map<string, CompiledBsp>();

/** FNV-1a, twice with different seeds: a 64-bit content hash as 16 hex digits. */
export function contentHash(...texts: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x0100019d);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
    b = Math.imul(b ^ 0xff, 0x0100019d);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const keys = new WeakMap<Bsp, string>();

/** The key of a BSP's compiled units: its files' paths and contents (hashed once per object). */
export function bspKey(bsp: Bsp): string {
  let key = keys.get(bsp);
  if (key === undefined) {
    const paths = Object.keys(bsp.files).sort();
    key = contentHash(...paths.flatMap((p) => [p, bsp.files[p]!]), ...bsp.sources);
    keys.set(bsp, key);
  }
  return key;
}

/**
 * The BSP's compiled units: from memory, else from `store` (under `salt`, e.g. a hash of the
 * compiler's own sources), else compiled now (and kept in both).
 */
export function compileBsp(
  parser: Parser,
  bsp: Bsp,
  store?: BspUnitStore | null,
  salt = '',
): CompiledBsp {
  const key = `${bspKey(bsp)}${salt}`;
  const known = memory.get(key);
  if (known) return known;
  let compiled: CompiledBsp | null = null;
  const text = store?.read(key);
  if (text) {
    try {
      compiled = decode(text) as CompiledBsp;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) {
    const r = build(parser, bsp.files, bsp.sources, {
      systemDirs: [BSP_INCLUDE_DIR],
      compileOnly: true,
      unitBase: BSP_UNIT_BASE,
    });
    compiled = { units: r.units, diagnostics: r.diagnostics };
    if (store) {
      try {
        store.write(key, encode(compiled));
      } catch {
        // An unwritable cache only costs the next process the compile.
      }
    }
  }
  memory.set(key, compiled);
  return compiled;
}

// A JSON encoding of an object graph: shared and cyclic references, Maps, Sets, byte arrays,
// bigints and the numbers JSON cannot say (NaN, infinities, -0). Every object is an entry of a
// table and referred to as { r: index }.
type Encoded =
  string | number | boolean | null | { r: number } | { n: string } | { b: string } | { u: 1 };
type Entry =
  | { a: Encoded[] }
  | { o: Record<string, Encoded> }
  | { m: [Encoded, Encoded][] }
  | { s: Encoded[] }
  | { y: number[] };

export function encode(root: unknown): string {
  const ids = new Map<object, number>();
  const table: Entry[] = [];
  const enc = (v: unknown): Encoded => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Object.is(v, -0)) return { n: '-0' };
        return Number.isFinite(v) ? v : { n: String(v) };
      case 'bigint':
        return { b: v.toString() };
      case 'undefined':
        return { u: 1 };
      case 'object':
        break;
      default:
        throw new Error(`cannot encode a ${typeof v}`);
    }
    if (v === null) return null;
    const known = ids.get(v);
    if (known !== undefined) return { r: known };
    const id = table.length;
    ids.set(v, id);
    table.push({ a: [] });
    let entry: Entry;
    if (Array.isArray(v)) entry = { a: v.map(enc) };
    else if (v instanceof Map) entry = { m: [...v].map(([k, x]) => [enc(k), enc(x)]) };
    else if (v instanceof Set) entry = { s: [...v].map(enc) };
    else if (v instanceof Uint8Array) entry = { y: [...v] };
    else {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error('cannot encode a class');
      const o: Record<string, Encoded> = {};
      for (const [k, x] of Object.entries(v)) o[k] = enc(x);
      entry = { o };
    }
    table[id] = entry;
    return { r: id };
  };
  const top = enc(root);
  return JSON.stringify({ top, table });
}

export function decode(text: string): unknown {
  const { top, table } = JSON.parse(text) as { top: Encoded; table: Entry[] };
  const shells: unknown[] = table.map((e) =>
    'a' in e
      ? []
      : 'm' in e
        ? new Map()
        : 's' in e
          ? new Set()
          : 'y' in e
            ? Uint8Array.from(e.y)
            : {},
  );
  const dec = (v: Encoded): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if ('r' in v) return shells[v.r];
    if ('n' in v) return Number(v.n);
    if ('b' in v) return BigInt(v.b);
    return undefined;
  };
  table.forEach((e, i) => {
    const shell = shells[i];
    if ('a' in e) for (const x of e.a) (shell as unknown[]).push(dec(x));
    else if ('m' in e)
      for (const [k, x] of e.m) (shell as Map<unknown, unknown>).set(dec(k), dec(x));
    else if ('s' in e) for (const x of e.s) (shell as Set<unknown>).add(dec(x));
    else if ('o' in e)
      for (const [k, x] of Object.entries(e.o)) (shell as Record<string, unknown>)[k] = dec(x);
  });
  return dec(top);
}
