/**
 * `npm run lab`: the ShuffleNet V2 guideline micro-benchmarks (G1-G4, V2 Section 2) in Node on
 * tfjs-wasm or tfjs-cpu, printed beside the paper's GPU and ARM speeds.
 *
 * Run: npm run lab [-- --backend wasm|cpu --iterations N --warmup N --widths arm|gpu
 *                     --size N --blocks N --only G1,G3]
 */
import { NODE_BACKENDS, useBackend, type NodeBackend } from '../backends-node.ts';
import { GUIDELINES, labCases, type Guideline, type LabOptions, type Widths } from './cases.ts';
import { currentBackend, runLab } from './run.ts';
import { formatLabTable, labRows } from './table.ts';

interface Args extends LabOptions {
  backend: NodeBackend;
  iterations: number;
  warmup: number;
  only: Guideline[];
}

export function parseLabArgs(argv: string[]): Args {
  const args: Args = { backend: 'wasm', iterations: 10, warmup: 2, only: [...GUIDELINES] };
  const int = (name: string, v: string | undefined) => {
    if (!v || !/^\d+$/.test(v)) {
      throw new Error(`lab: ${name} needs a non-negative integer, got ${JSON.stringify(v ?? '')}`);
    }
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    const v = argv[++i];
    if (name === '--backend') {
      if (!NODE_BACKENDS.includes(v as NodeBackend)) {
        throw new Error(
          `lab: --backend ${JSON.stringify(v ?? '')}; expected ${NODE_BACKENDS.join(' or ')}`,
        );
      }
      args.backend = v as NodeBackend;
    } else if (name === '--widths') {
      if (v !== 'arm' && v !== 'gpu')
        throw new Error(`lab: --widths ${JSON.stringify(v ?? '')}; expected arm or gpu`);
      args.widths = v as Widths;
    } else if (name === '--only') {
      const list = (v ?? '').split(',');
      const bad = list.filter((g) => !GUIDELINES.includes(g as Guideline));
      if (bad.length)
        throw new Error(
          `lab: --only ${JSON.stringify(v ?? '')}; expected a comma list of G1, G2, G3, G4`,
        );
      args.only = list as Guideline[];
    } else if (
      name === '--iterations' ||
      name === '--warmup' ||
      name === '--size' ||
      name === '--blocks'
    ) {
      args[name.slice(2) as 'iterations' | 'warmup' | 'size' | 'blocks'] = int(name, v);
    } else {
      throw new Error(
        `lab: unknown argument ${JSON.stringify(name)}; expected --backend, --iterations, --warmup, --widths, --size, --blocks or --only`,
      );
    }
  }
  return args;
}

async function main() {
  const args = parseLabArgs(process.argv.slice(2));
  await useBackend(args.backend);
  const cases = labCases(args).filter((c) => args.only.includes(c.guideline));
  const results = await runLab(cases, {
    ...args,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} runs`),
  });
  process.stderr.write('\n');
  const { widths = 'arm', size = 56, blocks = 10 } = args;
  console.log(
    `G1-G4 micro-benchmarks, tfjs-${currentBackend()}, ${widths} widths, ${size}x${size}, ` +
      `${blocks} blocks, median of ${args.iterations} runs after ${args.warmup} warm-up`,
  );
  console.log('rel = speed / the first case of the guideline; paper: ShuffleNet V2 Tables 1-4');
  console.log(formatLabTable(labRows(results)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
