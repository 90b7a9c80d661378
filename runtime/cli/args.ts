/**
 * Argument parsing for `runtime/cli/model.ts`, kept pure (argv in, command or UsageError out) so
 * that it can be tested without spawning a process.
 *
 * This checks the form of each value (a number, an HxWxC triple, a known layout name). Whether a
 * value is supported by the chosen version (V2 has no 0.25x, megvii V1 only has g=3 and g=8) is
 * left to `buildArch`, which owns the papers' tables and names the expected values itself.
 */
import type { ArchOptions, Layout, Stem, Version } from '../arch.ts';

export const USAGE = `Usage: node runtime/cli/model.ts summary <v1|v2> [options]
       node runtime/cli/model.ts export-onnx <v1|v2> [options] -o FILE.onnx

summary prints a per-layer table of output shape, parameters, multiply-adds and memory access
(ShuffleNet V2 Sec 2), then a totals line. export-onnx writes the model as ONNX (opset 13, NCHW
input [N, C, H, W] named "input", output "logits"), with the weights of --weights or random ones.

Options:
  --width W            width multiplier (v1: 0.25, 0.5, 1, 1.5, 2; v2: 0.5, 1, 1.5, 2); default 1
  --groups G           v1 only: pointwise groups 1, 2, 3, 4 or 8; default 3
  --layout L           v2: torchvision (default) or paper; v1: paper (default) or megvii
  --input HxWxC        input size, e.g. 28x28x1; default 224x224x3 (H, W, C at most 4096)
  --classes N          number of classes, at most 100000; default 1000
  --stem-stride S      stride of the first 3x3 conv, at most 32; default 2
  --no-maxpool         drop the max pool after the first conv
  -o, --output FILE    export-onnx: the .onnx file to write
  --weights FILE       export-onnx: a safetensors file with the PyTorch state_dict
  --seed N             export-onnx: seed of the random weights when --weights is absent; default 0
  -h, --help           print this help

Examples:
  node runtime/cli/model.ts summary v2 --width 1.0
  node runtime/cli/model.ts summary v1 --groups 3 --width 0.5
  node runtime/cli/model.ts summary v2 --width 2.0 --layout paper
  node runtime/cli/model.ts summary v2 --width 0.5 --input 28x28x1 --classes 10 \\
    --stem-stride 1 --no-maxpool
  node runtime/cli/model.ts export-onnx v2 --width 1.0 -o shufflenet-v2.onnx`;

/** A mistake in the command line; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface SummaryCommand {
  command: 'summary';
  options: ArchOptions;
}
export interface ExportOnnxCommand {
  command: 'export-onnx';
  options: ArchOptions;
  output: string;
  weights: string | null;
  seed: number;
}
export interface HelpCommand {
  command: 'help';
}
export type Command = SummaryCommand | ExportOnnxCommand | HelpCommand;

const VERSIONS: readonly Version[] = ['v1', 'v2'];
const LAYOUTS: readonly Layout[] = ['torchvision', 'paper', 'megvii'];
const VALUE_OPTIONS = ['--width', '--groups', '--layout', '--input', '--classes', '--stem-stride'];
const EXPORT_OPTIONS = ['--output', '--weights', '--seed'];
const COMMANDS = ['summary', 'export-onnx'];
const FLAG_OPTIONS = ['--no-maxpool'];

function positiveNumber(option: string, text: string): number {
  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0))
    throw new UsageError(`${option} "${text}" is not valid; expected a positive number`);
  return value;
}

/**
 * Upper bounds. With every input side and the channels at most 4096 and at most 100,000 classes,
 * the largest configuration (V1 2x g=8, stem stride 1, no max pool) totals about 3.1e8
 * parameters and 4.5e11 memory accesses, far below 2^53, so every count the table prints is an
 * exact integer (args.test.ts checks the extreme configurations). ImageNet-21k, the largest
 * common classification label set, has 21,841 classes.
 */
export const MAX_INPUT_SIDE = 4096;
export const MAX_INPUT_CHANNELS = 4096;
export const MAX_CLASSES = 100_000;
export const MAX_STEM_STRIDE = 32;

function positiveInteger(option: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${option} "${text}" is not valid; expected an integer from 1 to ${max}`);
  }
  return Number(text);
}

function inputShape(text: string): [number, number, number] {
  const match = /^(\d+)x(\d+)x(\d+)$/i.exec(text);
  const dims = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  const [h, w, c] = dims;
  if (h === undefined || w === undefined || c === undefined || dims.some((d) => d < 1)) {
    throw new UsageError(
      `--input "${text}" is not valid; expected HxWxC with positive integers, e.g. 224x224x3`,
    );
  }
  if (h > MAX_INPUT_SIDE || w > MAX_INPUT_SIDE || c > MAX_INPUT_CHANNELS) {
    throw new UsageError(
      `--input "${text}" is too large; expected H and W at most ${MAX_INPUT_SIDE} ` +
        `and C at most ${MAX_INPUT_CHANNELS}`,
    );
  }
  return [h, w, c];
}

function layout(text: string): Layout {
  const found = LAYOUTS.find((name) => name === text);
  if (!found)
    throw new UsageError(`--layout "${text}" is not valid; expected ${LAYOUTS.join(', ')}`);
  return found;
}

/** Splits `--name=value` and `--name value` into [name, value] pairs, in order. */
function optionPairs(rest: readonly string[], command: string): [string, string | null][] {
  const pairs: [string, string | null][] = [];
  const valueOptions =
    command === 'export-onnx' ? [...VALUE_OPTIONS, ...EXPORT_OPTIONS] : VALUE_OPTIONS;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] === '-o' && command === 'export-onnx' ? '--output' : rest[i]!;
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument "${arg}"; options start with --`);
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const inline = equals < 0 ? null : arg.slice(equals + 1);
    if (FLAG_OPTIONS.includes(name)) {
      if (inline !== null) throw new UsageError(`${name} takes no value`);
      pairs.push([name, null]);
    } else if (valueOptions.includes(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`${name} needs a value; see --help`);
      }
      pairs.push([name, value]);
    } else {
      const known = [...valueOptions, ...FLAG_OPTIONS].join(', ');
      throw new UsageError(`unknown option "${name}"; expected one of ${known}`);
    }
  }
  return pairs;
}

/** Parses the arguments after `node runtime/cli/model.ts`. Throws UsageError on any mistake. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [command, version, ...rest] = argv;
  const expected = COMMANDS.map((c) => `"${c}"`).join(' or ');
  if (command === undefined) throw new UsageError(`missing command; expected ${expected}`);
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`unknown command "${command}"; expected ${expected}`);
  }
  const found = VERSIONS.find((name) => name === version);
  if (!found) {
    const got = version === undefined ? 'missing version' : `unknown version "${version}"`;
    throw new UsageError(`${got}; expected v1 or v2`);
  }
  const options: ArchOptions = { version: found };
  const stem: Partial<Stem> = {};
  const seen = new Set<string>();
  let output: string | null = null;
  let weights: string | null = null;
  let seed = 0;
  for (const [name, value] of optionPairs(rest, command)) {
    if (seen.has(name)) throw new UsageError(`${name} is given more than once`);
    seen.add(name);
    const text = value ?? '';
    switch (name) {
      case '--width':
        options.width = positiveNumber(name, text);
        break;
      case '--groups':
        if (found !== 'v1') {
          throw new UsageError('--groups applies to v1 only; v2 has no grouped 1x1 convolutions');
        }
        options.groups = positiveInteger(name, text, 8);
        break;
      case '--layout':
        options.layout = layout(text);
        break;
      case '--input':
        options.inputShape = inputShape(text);
        break;
      case '--classes':
        options.numClasses = positiveInteger(name, text, MAX_CLASSES);
        break;
      case '--stem-stride':
        stem.convStride = positiveInteger(name, text, MAX_STEM_STRIDE);
        break;
      case '--no-maxpool':
        stem.maxPool = false;
        break;
      case '--output':
        output = text;
        break;
      case '--weights':
        weights = text;
        break;
      case '--seed':
        if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) {
          throw new UsageError(
            `--seed "${text}" is not valid; expected an integer from 0 to 4294967295`,
          );
        }
        seed = Number(text);
        break;
    }
  }
  if (Object.keys(stem).length > 0) options.stem = stem;
  if (command === 'export-onnx') {
    if (output === null) throw new UsageError('export-onnx needs -o FILE.onnx (the file to write)');
    if (weights !== null && seen.has('--seed')) {
      throw new UsageError(
        '--seed applies to random weights; it cannot be combined with --weights',
      );
    }
    return { command: 'export-onnx', options, output, weights, seed };
  }
  return { command: 'summary', options };
}
