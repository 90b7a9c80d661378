/**
 * Build-time helpers that keep `npm run build` free of warnings that look like failures but are
 * not. Each is either a fix or a filter for one known, harmless message, with the reason here
 * (and in the README's troubleshooting notes). A warning not listed still prints.
 */

/** The parts of a Rolldown log record the filter reads. */
export interface BuildLog {
  code?: string;
  message: string;
  id?: string;
}

/**
 * Known-harmless warnings, each with why it is harmless:
 * - `MODULE_LEVEL_DIRECTIVE` for `"use astro:head-inject"`: Astro adds this marker to MDX
 *   modules that propagate styles (astro/dist/content/vite-plugin-content-assets.js) and reads
 *   it before bundling; the bundler dropping it afterwards changes nothing.
 * - `EVAL` in web-tree-sitter: Emscripten's loader for dynamically linked wasm side modules
 *   uses direct eval; the C parser loads only the static tree-sitter-c grammar, so that code
 *   never runs.
 */
export function isKnownHarmless(log: BuildLog): boolean {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE') return log.message.includes('use astro:head-inject');
  if (log.code === 'EVAL') return /web-tree-sitter/.test(`${log.id ?? ''} ${log.message}`);
  return false;
}

/** A Rolldown `onLog` that drops the known-harmless warnings and passes everything else on. */
export function onLog<Level extends string, Log extends BuildLog>(
  level: Level,
  log: Log,
  handler: (level: Level, log: Log) => void,
): void {
  if (level === 'warn' && isKnownHarmless(log)) return;
  handler(level, log);
}

/** The id the browser builds use for `node:module` instead of Vite's empty external stub. */
const BROWSER_NODE_MODULE = '\0browser-node-module';

/**
 * A Vite plugin for the browser and worker builds: `node:module` (used by board/firmware/
 * c-parser.ts only when it runs under Node, to find the grammar file) resolves to a module whose
 * `createRequire` throws a clear error, instead of Vite externalizing it with a warning. In the
 * browser the parser is given wasm URLs and never calls it.
 */
export function browserNodeModule() {
  return {
    name: 'shufflenet-lab:browser-node-module',
    enforce: 'pre' as const,
    applyToEnvironment: (environment: { config: { consumer: string } }) =>
      environment.config.consumer === 'client',
    resolveId(id: string) {
      return id === 'node:module' ? BROWSER_NODE_MODULE : undefined;
    },
    load(id: string) {
      if (id !== BROWSER_NODE_MODULE) return undefined;
      return [
        'export function createRequire() {',
        "  throw new Error('node:module is not available in the browser: pass the wasm URLs to loadCParser');",
        '}',
      ].join('\n');
    },
  };
}
