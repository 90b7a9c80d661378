import { describe, expect, it } from 'vitest';
import { buildArch } from '../arch.ts';
import { costOf } from '../cost.ts';
import { parseArgs, UsageError } from './args.ts';

function summaryOptions(line: string) {
  const command = parseArgs(line.split(' '));
  if (command.command !== 'summary') throw new Error(`expected a summary command for: ${line}`);
  return command.options;
}

function usageError(line: string): string {
  try {
    parseArgs(line === '' ? [] : line.split(' '));
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected a UsageError for: ${line}`);
}

describe('parseArgs: valid command lines', () => {
  it('reads export-onnx with its output, weights and seed', () => {
    expect(parseArgs('export-onnx v2 --width 1.0 -o v2.onnx'.split(' '))).toEqual({
      command: 'export-onnx',
      options: { version: 'v2', width: 1 },
      output: 'v2.onnx',
      weights: null,
      seed: 0,
    });
    const line = 'export-onnx v1 --groups 3 --output=v1.onnx --seed 7';
    expect(parseArgs(line.split(' '))).toMatchObject({ output: 'v1.onnx', seed: 7, weights: null });
    const withWeights = 'export-onnx v2 --weights w.safetensors -o w.onnx';
    expect(parseArgs(withWeights.split(' '))).toMatchObject({ weights: 'w.safetensors' });
  });

  it('reads the version and leaves every other option to buildArch defaults', () => {
    expect(summaryOptions('summary v2')).toEqual({ version: 'v2' });
  });

  it('reads widths written with a decimal point', () => {
    expect(summaryOptions('summary v2 --width 1.0')).toEqual({ version: 'v2', width: 1 });
    expect(summaryOptions('summary v1 --width .5').width).toBe(0.5);
  });

  it('reads V1 groups and width together', () => {
    expect(summaryOptions('summary v1 --groups 3 --width 0.5')).toEqual({
      version: 'v1',
      groups: 3,
      width: 0.5,
    });
  });

  it('reads the layout', () => {
    expect(summaryOptions('summary v2 --width 2.0 --layout paper')).toEqual({
      version: 'v2',
      width: 2,
      layout: 'paper',
    });
  });

  it('reads input shape, classes and the stem', () => {
    const options = summaryOptions(
      'summary v2 --width 0.5 --input 28x28x1 --classes 10 --stem-stride 1 --no-maxpool',
    );
    expect(options).toEqual({
      version: 'v2',
      width: 0.5,
      inputShape: [28, 28, 1],
      numClasses: 10,
      stem: { convStride: 1, maxPool: false },
    });
  });

  it('accepts --name=value', () => {
    expect(summaryOptions('summary v1 --groups=8 --layout=megvii')).toEqual({
      version: 'v1',
      groups: 8,
      layout: 'megvii',
    });
  });

  it('answers --help and -h wherever they appear, even after mistakes', () => {
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['summary', 'v9', '-h'])).toEqual({ command: 'help' });
  });
});

describe('parseArgs: mistakes name what was wrong and what was expected', () => {
  it.each([
    ['', /missing command; expected "summary" or "export-onnx"/],
    ['sumary v2', /unknown command "sumary"; expected "summary" or "export-onnx"/],
    ['export-onnx v2', /export-onnx needs -o FILE\.onnx/],
    ['export-onnx v2 -o a.onnx --seed -1', /--seed needs a value|--seed "-1" is not valid/],
    [
      'export-onnx v2 -o a.onnx --seed 1.5',
      /--seed "1.5" is not valid; expected an integer from 0/,
    ],
    [
      'export-onnx v2 -o a.onnx --weights w.safetensors --seed 2',
      /cannot be combined with --weights/,
    ],
    ['summary v2 -o a.onnx', /unexpected argument "-o"/],
    ['summary v2 --weights w.safetensors', /unknown option "--weights"/],
    ['summary', /missing version; expected v1 or v2/],
    ['summary v3', /unknown version "v3"; expected v1 or v2/],
    ['summary v2 --width abc', /--width "abc" is not valid; expected a positive number/],
    ['summary v2 --width 0', /--width "0" is not valid; expected a positive number/],
    ['summary v2 --width -1', /--width "-1" is not valid; expected a positive number/],
    ['summary v2 --width', /--width needs a value/],
    ['summary v1 --groups 1.5', /--groups "1.5" is not valid; expected an integer from 1 to 8/],
    ['summary v1 --groups 16', /--groups "16" is not valid; expected an integer from 1 to 8/],
    ['summary v2 --groups 3', /--groups applies to v1 only/],
    ['summary v2 --layout tv', /--layout "tv" is not valid; expected torchvision, paper, megvii/],
    ['summary v2 --input 28x28', /--input "28x28" is not valid; expected HxWxC/],
    ['summary v2 --input 0x28x1', /--input "0x28x1" is not valid; expected HxWxC/],
    ['summary v2 --classes 0', /--classes "0" is not valid; expected an integer from 1 to 100000/],
    [
      'summary v2 --classes 999999999999',
      /--classes "999999999999" is not valid; expected an integer from 1 to 100000/,
    ],
    [
      'summary v2 --classes 100001',
      /--classes "100001" is not valid; expected an integer from 1 to 100000/,
    ],
    ['summary v2 --classes 1e3', /--classes "1e3" is not valid; expected an integer from 1/],
    [
      'summary v2 --input 99999999x99999999x99999999',
      /--input "99999999x99999999x99999999" is too large; expected H and W at most 4096 and C at most 4096/,
    ],
    [
      'summary v2 --input 4097x28x1',
      /--input "4097x28x1" is too large; expected H and W at most 4096/,
    ],
    ['summary v2 --input 28x4097x1', /--input "28x4097x1" is too large/],
    ['summary v2 --input 28x28x4097', /--input "28x28x4097" is too large; .*C at most 4096/],
    ['summary v2 --input 28x28x-1', /--input "28x28x-1" is not valid; expected HxWxC/],
    ['summary v2 --input 28.5x28x1', /--input "28.5x28x1" is not valid; expected HxWxC/],
    [
      'summary v2 --stem-stride two',
      /--stem-stride "two" is not valid; expected an integer from 1 to 32/,
    ],
    [
      'summary v2 --stem-stride 33',
      /--stem-stride "33" is not valid; expected an integer from 1 to 32/,
    ],
    ['summary v2 --no-maxpool=yes', /--no-maxpool takes no value/],
    ['summary v2 --depth 3', /unknown option "--depth"; expected one of --width, --groups/],
    ['summary v2 1.0', /unexpected argument "1\.0"; options start with --/],
    ['summary v2 --width 1 --width 2', /--width is given more than once/],
  ])('"%s"', (line, message) => {
    expect(usageError(line)).toMatch(message);
  });
});

describe('parseArgs: the bounds keep every printed count an exact integer', () => {
  it('accepts the largest input, class count and stem stride', () => {
    const options = summaryOptions(
      'summary v1 --groups 8 --width 2 --input 4096x4096x4096 --classes 100000 --stem-stride 32',
    );
    expect(options.inputShape).toEqual([4096, 4096, 4096]);
    expect(options.numClasses).toBe(100000);
    expect(options.stem).toEqual({ convStride: 32 });
    expect(summaryOptions('summary v2 --input 1x1x1 --classes 1').inputShape).toEqual([1, 1, 1]);
  });

  it.each([
    'summary v1 --groups 8 --width 2 --input 4096x4096x4096 --classes 100000 --stem-stride 1 --no-maxpool',
    'summary v1 --groups 1 --width 2 --input 4096x4096x4096 --classes 100000 --stem-stride 1 --no-maxpool',
    'summary v2 --width 2 --input 4096x4096x4096 --classes 100000 --stem-stride 1 --no-maxpool',
    'summary v2 --width 2 --layout paper --input 4096x4096x4096 --classes 100000 --stem-stride 1 --no-maxpool',
  ])('%s: totals and rows are safe integers', (line) => {
    const report = costOf(buildArch(summaryOptions(line)));
    const counts = [
      ...Object.values(report.totals),
      ...report.rows.flatMap((row) => [row.params, row.macs, row.memoryAccess]),
    ];
    for (const n of counts) expect(Number.isSafeInteger(n)).toBe(true);
  });
});
