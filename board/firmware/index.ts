/**
 * The firmware engine's one public entry, for the board (board/) and the site's workers.
 *
 * Build: `build(await loadCParser(), files, ['main.c'], { systemDirs: ['/bsp/include'] })` gives
 * GCC-style diagnostics, ld's lines and, when both are clean, a linked Program.
 * Run: `new Machine(program, bus, hooks)`, then `machine.spawn({ cpu })` per CPU and
 * `machine.run(thread, steps)` in slices; between slices `machine.interrupt(thread, handler, args)`
 * enters an IRQ handler (when `!thread.irqMasked`) and `machine.wake(thread)` ends a WFE sleep.
 * The bus: implement `Bus` (read8/16/32, write8/16/32 with an Access; `ram` for the regions the
 * engine may reach directly) and throw `BusFault` to abort an access. The board does both
 * (board/runner.ts); `RamBus` is a RAM-only one. Programs are normally run through the board's
 * session (board/session.ts), not directly.
 */
export { build, compileText, type BuildOptions, type BuildResult } from './build.ts';
export { loadCParser, parseC, type ParserUrls } from './c-parser.ts';
export {
  BusFault,
  RamBus,
  type Access,
  type Bus,
  type BusFaultDetails,
  type BusFaultInfo,
  type BusFaultKind,
  type MemoryType,
  type RamRegion,
} from './bus.ts';
export { link, type Layout, type LinkOptions, type Program } from './link.ts';
export {
  Machine,
  RuntimeFault,
  Thread,
  type Hooks,
  type RunResult,
  type SpawnOptions,
  type StackEntry,
  type ThreadState,
} from './machine.ts';
export {
  BareSession,
  type BareRunResult,
  type BareRunStatus,
  type BareSessionOptions,
} from './run.ts';
export { COMPILER_HEADERS, COMPILER_INCLUDE_DIR } from './headers.ts';
export { LIBC, LIBC_HEADERS } from './libc.ts';
export { formatDiagnostics, hasErrors, type Diagnostic } from './diagnostics.ts';
export type { TranslationUnit } from './ast.ts';
