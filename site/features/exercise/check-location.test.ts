import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../exercises/grader/types.ts';
import { checkLocation, declarationOf } from './check-location.ts';

const code = [
  "import * as tf from '@tensorflow/tfjs-core';",
  '',
  '/** Weights. */',
  'export function groupConvParams(cin: number, cout: number): number {',
  '  return cout * cin;',
  '}',
  'export const helper = (x: number) => x;',
].join('\n');

const failing = (message: string, actual?: string): CheckResult => ({
  name: 'dense convolutions',
  status: 'fail',
  message,
  ...(actual !== undefined && { actual }),
});

describe('checkLocation', () => {
  it('takes the grader location of a throw in the file', () => {
    const check = failing('your code threw TypeError: x is undefined (at conv.ts:5:11)');
    expect(checkLocation(check, 'conv.ts', code)).toEqual({ line: 5, column: 11 });
  });
  it('ignores a location in another file', () => {
    const check = failing('your code threw (at other.ts:2:3)');
    expect(checkLocation(check, 'conv.ts', code)).toBeNull();
  });
  it('points at the declaration of the function the check called', () => {
    const check = failing('groupConvParams(3, 6, 1, 1) should be 18', '36');
    expect(checkLocation(check, 'conv.ts', code)).toEqual({ line: 4, column: 17 });
  });
  it('finds arrow functions declared with const', () => {
    expect(declarationOf(code, 'helper')).toEqual({ line: 7, column: 14 });
  });
  it('gives nothing for passed checks or calls the file does not declare', () => {
    expect(checkLocation({ ...failing('groupConvParams(1)'), status: 'pass' }, 'c.ts', code)).toBe(
      null,
    );
    expect(checkLocation(failing('Math.max(1, 2) differs'), 'conv.ts', code)).toBeNull();
  });
});
