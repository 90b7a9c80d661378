/**
 * `npm run lab`: the ShuffleNet V2 guideline micro-benchmarks (G1-G4, V2 Section 2) in Node on
 * tfjs-wasm or tfjs-cpu, printed beside the paper's GPU and ARM speeds.
 *
 * With --models it times instead the ShuffleNets of V2's Table 8 (224x224, batch 1) beside the
 * paper's error and speeds and the runtime's own multiply-add counts.
 *
 * Run: npm run lab [-- --backend wasm|cpu --iterations N --warmup N --widths arm|gpu
 *                     --size N --blocks N --only G1,G3 | --models]
 */
import { NODE_BACKENDS, useBackend, type NodeBackend } from '../backends-node.ts';
import { GUIDELINES, labCases, type Guideline, type LabOptions, type Widths } from './cases.ts';
import { timeModels } from './models.ts';
import { currentBackend, runLab } from './run.ts';
import { formatLabTable, labRows } from './table.ts';
import { TABLE8, table8Counts } from './table8.ts';

interface Args extends LabOptions {
  backend: NodeBackend;
  iterations: number;
  warmup: number;
  only: Guideline[];
  models: boolean;
}

export function parseLabArgs(argv: string[]): Args {
  const args: Args = {
    backend: 'wasm',
    iterations: 10,
    warmup: 2,
    only: [...GUIDELINES],
    models: false,
  };
  const int = (name: string, v: string | undefined) => {
    if (!v || !/^\d+$/.test(v)) {
      throw new Error(`lab: ${name} needs a non-negative integer, got ${JSON.stringify(v ?? '')}`);
    }
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name === '--models') {
      args.models = true;
      continue;
    }
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
        `lab: unknown argument ${JSON.stringify(name)}; expected --backend, --iterations, --warmup, --widths, --size, --blocks, --only or --models`,
      );
    }
  }
  return args;
}

async function models(args: Args) {
  const counts = new Map(table8Counts().map((c) => [c.id, c]));
  const timings = await timeModels(TABLE8, {
    iterations: args.iterations,
    warmup: args.warmup,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} runs`),
  });
  process.stderr.write('\n');
  const times = new Map(timings.map((t) => [t.id, t]));
  console.log(
    `V2 Table 8 models, tfjs-${currentBackend()}, 224x224, batch 1, random weights, ` +
      `median of ${args.iterations} runs; paper: ShuffleNet V2 Table 8 (error %, GPU batches/s, ARM images/s)`,
  );
  console.log(
    [
      'model'.padEnd(26),
      'MMACs',
      'paper',
      'params M',
      'err %',
      'GPU',
      'ARM',
      'ms here',
      'img/s',
    ].join('\t'),
  );
  for (const r of TABLE8) {
    const c = counts.get(r.id);
    const t = times.get(r.id);
    console.log(
      [
        r.model.padEnd(26),
        c ? (c.macs / 1e6).toFixed(1) : '-',
        r.paper.mflops,
        c ? (c.params / 1e6).toFixed(2) : '-',
        r.paper.top1Error,
        r.paper.gpuBatchesPerS,
        r.paper.armImagesPerS,
        t ? t.medianMs.toFixed(1) : '-',
        t ? t.imagesPerS.toFixed(1) : '-',
      ].join('\t'),
    );
  }
}

async function main() {
  const args = parseLabArgs(process.argv.slice(2));
  await useBackend(args.backend);
  if (args.models) return models(args);
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
