import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../exercises/grader/types.ts';
import {
  demoteHeadings,
  errorsForFile,
  inlineCodePieces,
  offsetOf,
  outcomeSummary,
  splitTitle,
} from './exercise-text.ts';

describe('splitTitle', () => {
  it('takes the leading # heading off', () => {
    expect(splitTitle('# Channel shuffle\n\nShuffle the `channels`.\n')).toEqual({
      title: 'Channel shuffle',
      body: 'Shuffle the `channels`.\n',
    });
  });
  it('leaves a README without a title alone', () => {
    expect(splitTitle('Just text\n# later heading')).toEqual({
      title: null,
      body: 'Just text\n# later heading',
    });
  });
});

describe('demoteHeadings', () => {
  it('demotes headings but not # lines inside fenced code', () => {
    const md = [
      '## Task',
      'text #1',
      '```c',
      '#include <x.h>',
      '# not a heading',
      '```',
      '#### Deep',
    ];
    expect(demoteHeadings(md.join('\n'), 2).split('\n')).toEqual([
      '#### Task',
      'text #1',
      '```c',
      '#include <x.h>',
      '# not a heading',
      '```',
      '###### Deep',
    ]);
  });
});

describe('inlineCodePieces', () => {
  it('splits backtick spans into code pieces', () => {
    expect(inlineCodePieces('use `tf.split` then `concat`.')).toEqual([
      { code: false, text: 'use ' },
      { code: true, text: 'tf.split' },
      { code: false, text: ' then ' },
      { code: true, text: 'concat' },
      { code: false, text: '.' },
    ]);
    expect(inlineCodePieces('a lone ` backtick')).toEqual([
      { code: false, text: 'a lone ` backtick' },
    ]);
  });
});

describe('outcomeSummary', () => {
  const base: GradeResult = {
    exerciseId: 'x/01-y',
    status: 'pass',
    compileErrors: [],
    checks: [
      { name: 'a', status: 'pass', message: '' },
      { name: 'b', status: 'fail', message: '' },
      { name: 'c', status: 'error', message: '' },
    ],
    durationMs: 1,
  };
  it('counts failed and errored checks together', () => {
    expect(outcomeSummary({ ...base, status: 'fail' }, 5000)).toEqual({
      key: 'exercise.status.fail',
      values: { failed: 2, total: 3 },
    });
  });
  it('names the time limit in seconds on timeout', () => {
    expect(outcomeSummary({ ...base, status: 'timeout', checks: [] }, 10_000)).toEqual({
      key: 'exercise.status.timeout',
      values: { seconds: 10 },
    });
  });
  it('has a line for pass and error', () => {
    expect(outcomeSummary(base, 1).key).toBe('exercise.status.pass');
    expect(outcomeSummary({ ...base, status: 'error' }, 1).key).toBe('exercise.status.error');
  });
});

describe('offsetOf', () => {
  it('finds a line and column, clamping positions past the end', () => {
    const text = 'ab\ncde\nf';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(text[offsetOf(text, 2, 2)]).toBe('d');
    expect(offsetOf(text, 2, 99)).toBe(6); // end of "cde"
    expect(offsetOf(text, 9, 1)).toBe(7); // last line
  });
});

describe('errorsForFile', () => {
  it('keeps errors of the file and errors without a file', () => {
    const errors = [{ file: 'a.ts' }, { file: 'b.ts' }, {}];
    expect(errorsForFile(errors, 'a.ts')).toEqual([{ file: 'a.ts' }, {}]);
  });
});
