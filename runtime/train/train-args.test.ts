import { describe, expect, it } from 'vitest';
import {
  checkBatchFits,
  DEFAULT_OUT,
  isInside,
  MAX_BATCH,
  parseAverageArgs,
  parseEvalArgs,
  parseExportArgs,
  parseTrainArgs,
  trainUsage,
  UsageError,
  type TrainDefaults,
  type TrainOptions,
} from './train-args.ts';

const DEFAULTS: TrainDefaults = {
  epochs: 15,
  batchSize: 64,
  lr: 0.05,
  warmupSteps: 200,
  labelSmoothing: 0,
  weightDecay: 5e-5,
  seed: 1,
};
const PLACE = { cwd: '/repo', modelsDir: '/repo/models' };

function split(line: string): string[] {
  return line === '' ? [] : line.split(' ');
}

function train(line: string, env: Record<string, string> = {}): TrainOptions {
  const parsed = parseTrainArgs(split(line), DEFAULTS, PLACE, env);
  if (parsed.command !== 'train') throw new Error(`expected train options for: ${line}`);
  return parsed;
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

const trainError = (line: string) => usageError(() => train(line));

describe('parseTrainArgs: accepted command lines', () => {
  it('takes every default, writes to runs/ and reads the Debian dataset path', () => {
    expect(train('')).toEqual({
      command: 'train',
      ...DEFAULTS,
      augment: true,
      checkpoints: 'runs/checkpoints',
      checkpointEvery: 100,
      keepCheckpoints: false,
      resume: false,
      out: DEFAULT_OUT,
      force: false,
      backend: 'wasm',
      dataDir: '/usr/share/datasets/fashion-mnist',
    });
  });

  it('reads every option, as --name value and --name=value', () => {
    const options = train(
      '--epochs 2 --batch=32 --lr 0.01 --warmup 0 --label-smoothing 0.1 --weight-decay 0 ' +
        '--seed 4294967295 --no-augment --init w.safetensors --train-subset 100 --stop-after 3 ' +
        '--checkpoints ck --checkpoint-every 1 --keep-checkpoints --resume --out runs/a --data /d ' +
        '--backend cpu',
    );
    expect(options).toEqual({
      command: 'train',
      epochs: 2,
      batchSize: 32,
      lr: 0.01,
      warmupSteps: 0,
      labelSmoothing: 0.1,
      weightDecay: 0,
      seed: 4294967295,
      augment: false,
      init: 'w.safetensors',
      trainSubset: 100,
      stopAfter: 3,
      checkpoints: 'ck',
      checkpointEvery: 1,
      keepCheckpoints: true,
      resume: true,
      out: 'runs/a',
      force: false,
      backend: 'cpu',
      dataDir: '/d',
    });
  });

  it.each([
    ['--epochs 1', 'epochs', 1],
    ['--epochs 1000', 'epochs', 1000],
    ['--batch 1', 'batchSize', 1],
    [`--batch ${MAX_BATCH}`, 'batchSize', MAX_BATCH],
    ['--seed 0', 'seed', 0],
    ['--seed +7', 'seed', 7],
    ['--label-smoothing 0', 'labelSmoothing', 0],
    ['--label-smoothing 0.999', 'labelSmoothing', 0.999],
    ['--lr 1e-6', 'lr', 1e-6],
    ['--lr .5', 'lr', 0.5],
    ['--lr 10', 'lr', 10],
    ['--weight-decay 5E-4', 'weightDecay', 5e-4],
    ['--warmup 0', 'warmupSteps', 0],
  ] as const)('accepts the edge value %s', (line, key, value) => {
    expect(train(line)[key]).toBe(value);
  });

  it('puts checkpoints under --out unless --checkpoints is given', () => {
    expect(train('--out runs/x/').checkpoints).toBe('runs/x/checkpoints');
    expect(train('--out /tmp/t --checkpoints /tmp/c').checkpoints).toBe('/tmp/c');
  });

  it('answers --help and -h wherever they appear, even after mistakes', () => {
    expect(parseTrainArgs(['--epochs', '0', '-h'], DEFAULTS, PLACE)).toEqual({ command: 'help' });
    expect(parseTrainArgs(['--help'], DEFAULTS, PLACE)).toEqual({ command: 'help' });
  });
});

describe('parseTrainArgs: rejected values name the option, the value and what was expected', () => {
  it.each([
    ['--epochs 0', '--epochs "0" is not valid; expected an integer from 1 to 1000'],
    ['--epochs -1', '--epochs "-1" is not valid; expected an integer from 1 to 1000'],
    ['--epochs 1.5', '--epochs "1.5" is not valid; expected an integer from 1 to 1000'],
    ['--epochs 1001', '--epochs "1001" is not valid; expected an integer from 1 to 1000'],
    ['--epochs ten', '--epochs "ten" is not valid; expected an integer from 1 to 1000'],
    ['--batch 0', '--batch "0" is not valid; expected an integer from 1 to 128'],
    ['--batch 1.5', '--batch "1.5" is not valid; expected an integer from 1 to 128'],
    ['--batch 129', '--batch "129" is not valid; expected an integer from 1 to 128'],
    ['--batch 0x10', '--batch "0x10" is not valid; expected an integer from 1 to 128'],
    ['--batch 1e2', '--batch "1e2" is not valid; expected an integer from 1 to 128'],
    ['--seed 1.5', '--seed "1.5" is not valid; expected an integer from 0 to 4294967295'],
    ['--seed 4294967296', '--seed "4294967296" is not valid; expected an integer from 0 to'],
    ['--seed=-1', '--seed "-1" is not valid; expected an integer from 0 to 4294967295'],
    ['--seed -1', '--seed "-1" is not valid; expected an integer from 0 to 4294967295'],
    ['--lr -.5', '--lr "-.5" is not valid; expected a number in (0, 10]'],
    ['--label-smoothing 5', '--label-smoothing "5" is not valid; expected a number in [0, 1)'],
    ['--label-smoothing 1', '--label-smoothing "1" is not valid; expected a number in [0, 1)'],
    ['--label-smoothing=-0.1', '--label-smoothing "-0.1" is not valid; expected a number in'],
    ['--label-smoothing NaN', '--label-smoothing "NaN" is not valid; expected a number in'],
    ['--lr 0', '--lr "0" is not valid; expected a number in (0, 10]'],
    ['--lr=-0.1', '--lr "-0.1" is not valid; expected a number in (0, 10]'],
    ['--lr Infinity', '--lr "Infinity" is not valid; expected a number in (0, 10]'],
    ['--lr 1e400', '--lr "1e400" is not valid; expected a number in (0, 10]'],
    ['--lr 11', '--lr "11" is not valid; expected a number in (0, 10]'],
    ['--lr 0.1.2', '--lr "0.1.2" is not valid; expected a number in (0, 10]'],
    ['--weight-decay 1', '--weight-decay "1" is not valid; expected a number in [0, 1)'],
    ['--weight-decay=-1e-4', '--weight-decay "-1e-4" is not valid; expected a number in [0, 1)'],
    ['--warmup=-1', '--warmup "-1" is not valid; expected an integer 0 or more'],
    ['--warmup 2.5', '--warmup "2.5" is not valid; expected an integer 0 or more'],
    ['--train-subset 0', '--train-subset "0" is not valid; expected an integer 1 or more'],
    ['--stop-after 0', '--stop-after "0" is not valid; expected an integer 1 or more'],
    [
      '--checkpoint-every 1e999',
      '--checkpoint-every "1e999" is not valid; expected an integer 1 or more',
    ],
    ['--stop-after 99999999999999999999', 'expected an integer 1 or more'],
    ['--backend webgl', '--backend "webgl" is not valid; expected wasm or cpu'],
    ['--out=', '--out "" is not valid; expected a path'],
    ['--data=', '--data "" is not valid; expected a path'],
    ['--init=', '--init "" is not valid; expected a path'],
  ])('%s', (line, message) => {
    expect(trainError(line)).toContain(message);
  });

  it.each([
    ['--epoch 3', "Unknown option '--epoch'"],
    ['--batch', "Option '--batch <value>' argument missing"],
    ['--resume=yes', "Option '--resume' does not take an argument"],
    ['--keep-checkpoints=1', "Option '--keep-checkpoints' does not take an argument"],
    ['--keep-checkpoints --keep-checkpoints', '--keep-checkpoints is given more than once'],
    ['--epochs 2 --epochs 3', '--epochs is given more than once'],
    ['3', 'unexpected argument "3"; options start with --'],
  ])('malformed command line %s', (line, message) => {
    expect(trainError(line)).toContain(message);
  });
});

describe('parseTrainArgs: the committed weights in models/ are replaced only on request', () => {
  it.each(['models', 'models/', './models', 'models/sub', '/repo/models', '../repo/models'])(
    'refuses --out %s without --force',
    (out) => {
      expect(trainError(`--out ${out}`)).toBe(
        `--out "${out}" is inside models/, which holds the committed weights; expected a ` +
          'directory elsewhere (default runs/), or add --force to replace them',
      );
    },
  );

  it('writes into models/ with --out models --force', () => {
    expect(train('--out models --force')).toMatchObject({ out: 'models', force: true });
  });

  it('is not fooled by names that merely start with models', () => {
    expect(train('--out models2').out).toBe('models2');
    expect(train('--out runs/models').out).toBe('runs/models');
    expect(isInside('/repo/models', 'models', '/elsewhere')).toBe(false);
    expect(isInside('/repo/models', '.', '/repo/models')).toBe(true);
  });
});

describe('parseTrainArgs: the dataset directory', () => {
  it('--data beats FASHION_MNIST_DIR, which beats the Debian path', () => {
    expect(train('--data /flag', { FASHION_MNIST_DIR: '/env' }).dataDir).toBe('/flag');
    expect(train('', { FASHION_MNIST_DIR: '/env' }).dataDir).toBe('/env');
    expect(train('', { FASHION_MNIST_DIR: '' }).dataDir).toBe('/usr/share/datasets/fashion-mnist');
  });
});

describe('checkBatchFits', () => {
  it('rejects a batch larger than the training images, naming the subset', () => {
    expect(usageError(() => checkBatchFits(train('--train-subset 10'), 10))).toBe(
      '--batch "64" is not valid; expected at most 10, the number of training images ' +
        '(--train-subset 10)',
    );
    expect(() => checkBatchFits(train('--batch 10 --train-subset 10'), 10)).not.toThrow();
  });
});

describe('trainUsage', () => {
  it('documents the defaults, the bounds, --force and --data', () => {
    const usage = trainUsage(DEFAULTS);
    expect(usage).toContain('--epochs N              1 to 1000; default 15');
    expect(usage).toContain('default runs/');
    expect(usage).toContain('--force');
    expect(usage).toContain('--data DIR');
    expect(usage).toContain('$FASHION_MNIST_DIR');
    expect(usage).toContain('--keep-checkpoints      also keep each checkpoint as DIR/step-NNNNNN');
  });
});

describe('parseEvalArgs', () => {
  it('reads an optional weights file and the dataset directory', () => {
    expect(parseEvalArgs([])).toEqual({
      command: 'eval',
      dataDir: '/usr/share/datasets/fashion-mnist',
      int8: false,
    });
    expect(parseEvalArgs(['w.safetensors', '--data', '/d', '--int8'])).toEqual({
      command: 'eval',
      weights: 'w.safetensors',
      dataDir: '/d',
      int8: true,
    });
    expect(parseEvalArgs([], { FASHION_MNIST_DIR: '/env' })).toMatchObject({ dataDir: '/env' });
    expect(parseEvalArgs(['-h'])).toEqual({ command: 'help' });
  });

  it.each([
    ['a b', 'unexpected argument "b"; expected at most one weights file'],
    ['--data', "Option '--data <value>' argument missing"],
    ['--data=', '--data "" is not valid; expected a path'],
    ['--batch 3', "Unknown option '--batch'"],
    ['--int8=yes', "Option '--int8' does not take an argument"],
  ])('rejects %s', (line, message) => {
    expect(usageError(() => parseEvalArgs(split(line)))).toContain(message);
  });
});

describe('parseExportArgs', () => {
  it('reads the checkpoint and the output', () => {
    expect(parseExportArgs(['c.safetensors', 'w.safetensors'], PLACE)).toEqual({
      command: 'export',
      from: 'c.safetensors',
      to: 'w.safetensors',
    });
    expect(
      parseExportArgs(['c', 'models/fashion-shufflenet-v2.safetensors', '--force'], PLACE),
    ).toMatchObject({ to: 'models/fashion-shufflenet-v2.safetensors' });
  });

  it.each([
    ['', 'expected two arguments, <checkpoint> <weights out>; got 0'],
    ['c', 'expected two arguments, <checkpoint> <weights out>; got 1'],
    ['a b c', 'unexpected argument "c"; expected <checkpoint> <weights out>'],
    [
      'c models/fashion-shufflenet-v2.safetensors',
      '<weights out> "models/fashion-shufflenet-v2.safetensors" is inside models/',
    ],
    ['c w --out x', "Unknown option '--out'"],
  ])('rejects "%s"', (line, message) => {
    expect(usageError(() => parseExportArgs(split(line), PLACE))).toContain(message);
  });
});

describe('parseAverageArgs', () => {
  const average = (line: string) => parseAverageArgs(split(line), PLACE, {});

  it('reads the output, the inputs, --bn-batches (default 100) and --data', () => {
    expect(average('out.st a.st b.st')).toEqual({
      command: 'average',
      out: 'out.st',
      inputs: ['a.st', 'b.st'],
      bnBatches: 100,
      dataDir: '/usr/share/datasets/fashion-mnist',
    });
    expect(average('o a b c --bn-batches 0 --data /d')).toMatchObject({
      inputs: ['a', 'b', 'c'],
      bnBatches: 0,
      dataDir: '/d',
    });
    expect(average('models/x.st a b --force')).toMatchObject({ out: 'models/x.st' });
    expect(average('--help')).toEqual({ command: 'help' });
  });

  it.each([
    ['o a', 'expected <out.safetensors> and at least two input files; got 2 arguments'],
    ['', 'expected <out.safetensors> and at least two input files; got 0 arguments'],
    ['o a b --bn-batches 1.5', '--bn-batches "1.5" is not valid; expected an integer 0 or more'],
    ['o a b --bn-batches -1', '--bn-batches "-1" is not valid; expected an integer 0 or more'],
    ['models/x a b', '<out.safetensors> "models/x" is inside models/'],
    ['o a b --data=', '--data "" is not valid; expected a path'],
    ['o a b --force=1', "Option '--force' does not take an argument"],
  ])('%s', (line, message) => {
    expect(usageError(() => average(line))).toContain(message);
  });
});
