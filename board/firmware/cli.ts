/**
 * `firmware build <files...>`: compiles and links C sources with the board's BSP as
 * arm-none-eabi-gcc would in a Vitis application project (the BSP's include directory on the
 * path, its libraries linked, the same compiled units `board run` uses, bsp/cache.ts), printing
 * GCC's diagnostics and ld's messages on stderr; exit status 1 on errors.
 * `firmware run <files...>`: builds plain C without the BSP, then runs main through BareSession
 * (run.ts) on a RAM-only bus (`__host_putchar` to stdout); firmware for the board runs with
 * `board run`.
 * Options: `-I dir` adds a `<...>` include directory; `-D NAME[=value]` defines a macro.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { BareSession } from './index.ts';

const USAGE = 'usage: firmware build|run [-I dir] [-D NAME[=value]] <file.c>...';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'run') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const sources: string[] = [];
  const includeDirs: string[] = [];
  const defines: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-I' || a === '-D') {
      const v = rest[++i];
      if (v === undefined) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      if (a === '-I') includeDirs.push(v);
      else defines[v.split('=')[0]!] = v.includes('=') ? v.slice(v.indexOf('=') + 1) : '1';
    } else if (a.startsWith('-I')) includeDirs.push(a.slice(2));
    else if (a.startsWith('-D'))
      defines[a.slice(2).split('=')[0]!] = a.includes('=') ? a.slice(a.indexOf('=') + 1) : '1';
    else sources.push(a);
  }
  if (sources.length === 0) {
    process.stderr.write(
      `arm-none-eabi-gcc: fatal error: no input files\ncompilation terminated.\n`,
    );
    return 1;
  }
  // The include tree: the sources, headers beside them, and headers in each -I directory.
  const files: Record<string, string> = {};
  const addHeaders = (dir: string): void => {
    for (const name of safeList(dir)) {
      const path = join(dir, name);
      if (name.endsWith('.h') && statSync(path).isFile())
        files[relative('.', path)] = readFileSync(path, 'utf8');
    }
  };
  for (const s of sources) {
    try {
      files[relative('.', s)] = readFileSync(s, 'utf8');
    } catch {
      process.stderr.write(`arm-none-eabi-gcc: error: ${s}: No such file or directory\n`);
      return 1;
    }
    addHeaders(dirname(s));
  }
  for (const d of includeDirs) addHeaders(d);
  const systemDirs = includeDirs.map((d) => relative('.', d));
  const withBsp = command === 'build' ? await bspBuild() : null;
  const session = new BareSession({
    build: {
      systemDirs: withBsp ? [...systemDirs, withBsp.includeDir] : systemDirs,
      preprocessor: { defines },
      ...(withBsp ? { units: withBsp.units } : {}),
    },
  });
  const built = await session.build(
    withBsp ? { ...files, ...withBsp.files } : files,
    sources.map((s) => relative('.', s)),
  );
  process.stderr.write(session.result().diagnostics);
  if (!built.program) return 1;
  if (command === 'build') return 0;
  const out = (bytes: number[]) => process.stdout.write(Buffer.from(bytes).toString('latin1'));
  while (!session.ended) {
    session.runFor(10_000_000);
    out(session.drainOutput());
  }
  const result = session.result();
  if (result.fault) {
    process.stderr.write(`${result.fault.format()}\n`);
    return 1;
  }
  return result.exitCode ?? 0;
}

/**
 * The BSP as `board run` builds with it (session.ts): its headers under BSP_INCLUDE_DIR and its
 * translation units from the compiled-BSP cache. Loaded only for `build`.
 */
async function bspBuild() {
  const [{ nodeEnv, BSP_INCLUDE_DIR }, { compileBsp }] = await Promise.all([
    import('../bsp/bsp.ts'),
    import('../bsp/cache.ts'),
  ]);
  const env = nodeEnv();
  const compiled = compileBsp(await env.parser, env.bsp, env.bspStore, env.bspSalt);
  return { includeDir: BSP_INCLUDE_DIR, files: env.bsp.files, units: compiled.units };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir || '.');
  } catch {
    return [];
  }
}

process.exitCode = await main(process.argv.slice(2));
