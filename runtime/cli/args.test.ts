import { describe, expect, it } from 'vitest';
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
    ['', /missing command; expected "summary"/],
    ['sumary v2', /unknown command "sumary"; expected "summary"/],
    ['summary', /missing version; expected v1 or v2/],
    ['summary v3', /unknown version "v3"; expected v1 or v2/],
    ['summary v2 --width abc', /--width "abc" is not valid; expected a positive number/],
    ['summary v2 --width 0', /--width "0" is not valid; expected a positive number/],
    ['summary v2 --width -1', /--width "-1" is not valid; expected a positive number/],
    ['summary v2 --width', /--width needs a value/],
    ['summary v1 --groups 1.5', /--groups "1.5" is not valid; expected a positive integer/],
    ['summary v2 --groups 3', /--groups applies to v1 only/],
    ['summary v2 --layout tv', /--layout "tv" is not valid; expected torchvision, paper, megvii/],
    ['summary v2 --input 28x28', /--input "28x28" is not valid; expected HxWxC/],
    ['summary v2 --input 0x28x1', /--input "0x28x1" is not valid; expected HxWxC/],
    ['summary v2 --classes 0', /--classes "0" is not valid; expected a positive integer/],
    [
      'summary v2 --stem-stride two',
      /--stem-stride "two" is not valid; expected a positive integer/,
    ],
    ['summary v2 --no-maxpool=yes', /--no-maxpool takes no value/],
    ['summary v2 --depth 3', /unknown option "--depth"; expected one of --width, --groups/],
    ['summary v2 1.0', /unexpected argument "1\.0"; options start with --/],
    ['summary v2 --width 1 --width 2', /--width is given more than once/],
  ])('"%s"', (line, message) => {
    expect(usageError(line)).toMatch(message);
  });
});
