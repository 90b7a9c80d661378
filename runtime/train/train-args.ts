/**
 * Argument parsing for the training command-line tools (train.ts, eval.ts,
 * export-checkpoint.ts, average.ts), kept pure: argv (and the environment, the working directory and the
 * models/ directory, passed in) go in, options or a UsageError come out. The tools print the
 * message and exit with status 2.
 *
 * Every message names the option, the value given and what was expected. The bounds are there so
 * that a typo fails at once instead of after an hour of training, or inside the wasm backend:
 * - --epochs >= 1: zero epochs would save the untrained, seeded weights (10% accuracy);
 * - --batch an integer from 1 to 128, twice the default: a batch of 0 made the wasm backend
 *   abort, and so does a batch of 512 (its memory runs out; measured with tfjs-backend-wasm 4.22
 *   in Node 24, one training step on 28x28 images), while 256 already gets out-of-memory
 *   statuses from XNNPACK and 192 runs cleanly;
 * - --seed an integer in [0, 2^32), the range of the 32-bit seeds in random.ts;
 * - --label-smoothing in [0, 1): 1 would train towards the uniform distribution
 *   (Szegedy et al. 2016, "Rethinking the Inception Architecture", Sec 7);
 * - --lr finite and in (0, 10].
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from '../cli/args.ts';
import { FASHION_MNIST_DIR, FASHION_MNIST_DIR_ENV, fashionMnistDir } from '../data/idx.ts';

export { UsageError };

export const MAX_EPOCHS = 1000;
export const MAX_BATCH = 128;
export const MAX_SEED = 2 ** 32 - 1;
export const MAX_LR = 10;
/** Step counts (--warmup, --stop-after, ...) have no natural bound but must stay exact. */
export const MAX_STEPS = Number.MAX_SAFE_INTEGER;
/** Where `npm run train` writes when --out is not given (git-ignored). */
export const DEFAULT_OUT = 'runs';

export type TrainBackend = 'wasm' | 'cpu';
const BACKENDS: readonly TrainBackend[] = ['wasm', 'cpu'];

/** The defaults the usage text shows and unset options take (session.ts DEFAULT_CONFIG). */
export interface TrainDefaults {
  epochs: number;
  batchSize: number;
  lr: number;
  warmupSteps: number;
  labelSmoothing: number;
  weightDecay: number;
  seed: number;
}

export interface TrainOptions extends TrainDefaults {
  command: 'train';
  augment: boolean;
  init?: string;
  trainSubset?: number;
  stopAfter?: number;
  /** Checkpoint directory: --checkpoints, default <out>/checkpoints. */
  checkpoints: string;
  checkpointEvery: number;
  /** Also keep every checkpoint as DIR/step-NNNNNN.safetensors (for weight averaging). */
  keepCheckpoints: boolean;
  resume: boolean;
  out: string;
  force: boolean;
  backend: TrainBackend;
  /** The dataset directory: --data, then $FASHION_MNIST_DIR, then the Debian path. */
  dataDir: string;
}

export interface HelpCommand {
  command: 'help';
}

/** Where the tool runs and where the committed weights are (absolute paths). */
export interface Place {
  cwd: string;
  modelsDir: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const DATA_HELP =
  `  --data DIR              the Fashion-MNIST IDX files; default $${FASHION_MNIST_DIR_ENV}, ` +
  `else ${FASHION_MNIST_DIR}`;

export function trainUsage(d: TrainDefaults): string {
  return `Usage: node runtime/train/train.ts [options]

  --epochs N              1 to ${MAX_EPOCHS}; default ${d.epochs}
  --batch N               1 to ${MAX_BATCH}; default ${d.batchSize}
  --lr X                  peak learning rate in (0, ${MAX_LR}] (cosine schedule, linear warmup); default ${d.lr}
  --warmup N              warmup steps, 0 or more; default ${d.warmupSteps}
  --label-smoothing X     in [0, 1); default ${d.labelSmoothing}
  --weight-decay X        in [0, 1); default ${d.weightDecay}
  --seed N                integer in [0, 2^32); default ${d.seed}
  --no-augment            no random crop / flip
  --init FILE             start from these weights (safetensors) instead of the seeded draw
  --train-subset N        train on the first N images only (quick checks)
  --stop-after N          stop after N steps in total (the schedule still spans all epochs)
  --checkpoints DIR       default OUT/checkpoints
  --checkpoint-every N    default 100
  --keep-checkpoints      also keep each checkpoint as DIR/step-NNNNNN.safetensors (for average.ts)
  --resume                continue from DIR/latest.safetensors
  --out DIR               where the weights and metrics go; default ${DEFAULT_OUT}/
  --force                 allow --out inside models/ (replaces the committed weights)
${DATA_HELP}
  --backend wasm|cpu      default wasm`;
}

export const EVAL_USAGE = `Usage: node runtime/train/eval.ts [weights.safetensors] [--int8] [--data DIR]

  weights                 default models/fashion-shufflenet-v2.safetensors
  --int8                  the int8 model (calibrated on training images), in integers only
${DATA_HELP}`;

export const EXPORT_USAGE = `Usage: node runtime/train/export-checkpoint.ts <checkpoint> <weights out> [--force]

  --force                 allow writing inside models/ (e.g. over the committed weights)`;

/** A decimal number as people write it: 3, -2, 0.5, .5, 1e-3. No hex, no Infinity, no spaces. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;

function integer(option: string, text: string, min: number, max: number): number {
  const value = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    const range = max === MAX_STEPS ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${option} "${text}" is not valid; expected an integer ${range}`);
  }
  return value;
}

/** A finite number in [min, max] or [min, max) (`maxOpen`), or (min, max] (`minOpen`). */
function real(
  option: string,
  text: string,
  range: { min: number; max: number; minOpen?: boolean; maxOpen?: boolean },
): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  const aboveMin = range.minOpen ? value > range.min : value >= range.min;
  const belowMax = range.maxOpen ? value < range.max : value <= range.max;
  if (!(Number.isFinite(value) && aboveMin && belowMax)) {
    const interval =
      `${range.minOpen ? '(' : '['}${range.min}, ${range.max}` + `${range.maxOpen ? ')' : ']'}`;
    throw new UsageError(`${option} "${text}" is not valid; expected a number in ${interval}`);
  }
  return value;
}

function nonEmpty(option: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${option} "${text}" is not valid; expected a path`);
  return text;
}

/** Whether `path` (relative to cwd) is models/ or inside it. */
export function isInside(dir: string, path: string, cwd: string): boolean {
  const rel = relative(resolve(dir), resolve(cwd, path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * node:util parseArgs in strict mode (unknown options, missing values and values given to
 * flags are errors), as UsageErrors, plus: an option given twice is an error rather than the
 * last one silently winning.
 */
function parseStrict(argv: readonly string[], options: OptionSpec): Parsed {
  // `--seed -1` should read as the value -1 (and then be rejected for its range), not as an
  // unknown option -1: join a string option and a following negative number.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  const config = {
    args,
    options,
    strict: true,
    allowPositionals: true,
    tokens: true,
  } as const;
  let parsed: ReturnType<typeof parseNodeArgs<typeof config>>;
  try {
    parsed = parseNodeArgs(config);
  } catch (error) {
    // Node's messages name the option ("Unknown option '--epoch'", "Option '--batch <value>'
    // argument missing"); keep them, drop its advice about '--', which does not apply here.
    const message = (error as Error).message.split('. To specify')[0]!.replace(/\.$/, '');
    throw new UsageError(message);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

const TRAIN_OPTIONS: OptionSpec = {
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  warmup: { type: 'string' },
  'label-smoothing': { type: 'string' },
  'weight-decay': { type: 'string' },
  seed: { type: 'string' },
  'no-augment': { type: 'boolean' },
  init: { type: 'string' },
  'train-subset': { type: 'string' },
  'stop-after': { type: 'string' },
  checkpoints: { type: 'string' },
  'checkpoint-every': { type: 'string' },
  'keep-checkpoints': { type: 'boolean' },
  resume: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  data: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses the arguments after `node runtime/train/train.ts`. Throws UsageError on any mistake. */
export function parseTrainArgs(
  argv: readonly string[],
  defaults: TrainDefaults,
  place: Place,
  env: Env = {},
): TrainOptions | HelpCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const { values, positionals } = parseStrict(argv, TRAIN_OPTIONS);
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"; options start with --`);
  }
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const read = <T>(name: string, fallback: T, parse: (option: string, t: string) => T): T => {
    const t = text(name);
    return t === undefined ? fallback : parse(`--${name}`, t);
  };
  const out = read('out', DEFAULT_OUT, nonEmpty);
  const force = values.force === true;
  if (isInside(place.modelsDir, out, place.cwd) && !force) {
    throw new UsageError(
      `--out "${out}" is inside models/, which holds the committed weights; expected a ` +
        `directory elsewhere (default ${DEFAULT_OUT}/), or add --force to replace them`,
    );
  }
  const init = read('init', undefined, nonEmpty);
  const trainSubset = read('train-subset', undefined, (o, t) => integer(o, t, 1, MAX_STEPS));
  const stopAfter = read('stop-after', undefined, (o, t) => integer(o, t, 1, MAX_STEPS));
  const backendText = text('backend') ?? 'wasm';
  const backend = BACKENDS.find((b) => b === backendText);
  if (!backend) {
    throw new UsageError(
      `--backend "${backendText}" is not valid; expected ${BACKENDS.join(' or ')}`,
    );
  }
  return {
    command: 'train',
    epochs: read('epochs', defaults.epochs, (o, t) => integer(o, t, 1, MAX_EPOCHS)),
    batchSize: read('batch', defaults.batchSize, (o, t) => integer(o, t, 1, MAX_BATCH)),
    lr: read('lr', defaults.lr, (o, t) => real(o, t, { min: 0, max: MAX_LR, minOpen: true })),
    warmupSteps: read('warmup', defaults.warmupSteps, (o, t) => integer(o, t, 0, MAX_STEPS)),
    labelSmoothing: read('label-smoothing', defaults.labelSmoothing, (o, t) =>
      real(o, t, { min: 0, max: 1, maxOpen: true }),
    ),
    weightDecay: read('weight-decay', defaults.weightDecay, (o, t) =>
      real(o, t, { min: 0, max: 1, maxOpen: true }),
    ),
    seed: read('seed', defaults.seed, (o, t) => integer(o, t, 0, MAX_SEED)),
    augment: values['no-augment'] !== true,
    ...(init !== undefined ? { init } : {}),
    ...(trainSubset !== undefined ? { trainSubset } : {}),
    ...(stopAfter !== undefined ? { stopAfter } : {}),
    checkpoints: read('checkpoints', `${out.replace(/\/+$/, '')}/checkpoints`, nonEmpty),
    checkpointEvery: read('checkpoint-every', 100, (o, t) => integer(o, t, 1, MAX_STEPS)),
    keepCheckpoints: values['keep-checkpoints'] === true,
    resume: values.resume === true,
    out,
    force,
    backend,
    dataDir: fashionMnistDir(read('data', undefined, nonEmpty), env),
  };
}

/**
 * The check that needs the dataset's size: a batch larger than the training images would give
 * zero steps per epoch.
 */
export function checkBatchFits(options: TrainOptions, trainImages: number): void {
  if (options.batchSize > trainImages) {
    const source =
      options.trainSubset !== undefined ? `--train-subset ${options.trainSubset}` : 'the dataset';
    throw new UsageError(
      `--batch "${options.batchSize}" is not valid; expected at most ${trainImages}, the ` +
        `number of training images (${source})`,
    );
  }
}

export interface EvalOptions {
  command: 'eval';
  /** The weights file, or undefined for the committed one. */
  weights?: string;
  dataDir: string;
  /** Evaluate the int8 model (runtime/quant) instead of the float one. */
  int8: boolean;
}

/** Parses the arguments after `node runtime/train/eval.ts`. */
export function parseEvalArgs(argv: readonly string[], env: Env = {}): EvalOptions | HelpCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const { values, positionals } = parseStrict(argv, {
    data: { type: 'string' },
    int8: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length > 1) {
    throw new UsageError(
      `unexpected argument "${positionals[1]}"; expected at most one weights file`,
    );
  }
  const data = values.data as string | undefined;
  const weights = positionals[0];
  return {
    command: 'eval',
    ...(weights !== undefined ? { weights: nonEmpty('weights', weights) } : {}),
    dataDir: fashionMnistDir(data === undefined ? undefined : nonEmpty('--data', data), env),
    int8: values.int8 === true,
  };
}

export interface ExportOptions {
  command: 'export';
  from: string;
  to: string;
}

/** Parses the arguments after `node runtime/train/export-checkpoint.ts`. */
export function parseExportArgs(
  argv: readonly string[],
  place: Place,
): ExportOptions | HelpCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const { values, positionals } = parseStrict(argv, {
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const [from, to, extra] = positionals;
  if (from === undefined || to === undefined) {
    throw new UsageError(
      `expected two arguments, <checkpoint> <weights out>; got ${positionals.length}`,
    );
  }
  if (extra !== undefined) {
    throw new UsageError(`unexpected argument "${extra}"; expected <checkpoint> <weights out>`);
  }
  if (isInside(place.modelsDir, to, place.cwd) && values.force !== true) {
    throw new UsageError(
      `<weights out> "${to}" is inside models/, which holds the committed weights; expected ` +
        `a path elsewhere, or add --force to write there`,
    );
  }
  return {
    command: 'export',
    from: nonEmpty('<checkpoint>', from),
    to: nonEmpty('<weights out>', to),
  };
}

/** torch.optim.swa_utils.update_bn over this many batches of 64 unless --bn-batches says. */
export const DEFAULT_BN_BATCHES = 100;

export const AVERAGE_USAGE = `Usage: node runtime/train/average.ts <out.safetensors> <in> <in> ... [options]

  <in>                    weights files or training checkpoints (mixed), at least two
  --bn-batches N          re-estimate BatchNorm statistics on the first N batches of 64 training
                          images (0: keep the averaged ones); default ${DEFAULT_BN_BATCHES}
  --force                 allow writing inside models/ (e.g. over the committed weights)
${DATA_HELP}`;

export interface AverageOptions {
  command: 'average';
  out: string;
  inputs: string[];
  bnBatches: number;
  dataDir: string;
}

/** Parses the arguments after `node runtime/train/average.ts`. */
export function parseAverageArgs(
  argv: readonly string[],
  place: Place,
  env: Env = {},
): AverageOptions | HelpCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const { values, positionals } = parseStrict(argv, {
    'bn-batches': { type: 'string' },
    data: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const [out, ...inputs] = positionals;
  if (out === undefined || inputs.length < 2) {
    throw new UsageError(
      `expected <out.safetensors> and at least two input files; got ${positionals.length} ` +
        `argument${positionals.length === 1 ? '' : 's'}`,
    );
  }
  if (isInside(place.modelsDir, out, place.cwd) && values.force !== true) {
    throw new UsageError(
      `<out.safetensors> "${out}" is inside models/, which holds the committed weights; ` +
        `expected a path elsewhere, or add --force to write there`,
    );
  }
  const bnText = values['bn-batches'] as string | undefined;
  const data = values.data as string | undefined;
  return {
    command: 'average',
    out: nonEmpty('<out.safetensors>', out),
    inputs: inputs.map((i) => nonEmpty('<in>', i)),
    bnBatches:
      bnText === undefined ? DEFAULT_BN_BATCHES : integer('--bn-batches', bnText, 0, MAX_STEPS),
    dataDir: fashionMnistDir(data === undefined ? undefined : nonEmpty('--data', data), env),
  };
}
