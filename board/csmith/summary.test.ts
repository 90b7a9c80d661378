import { describe, expect, test } from 'vitest';
import type { SeedResult } from './compare.ts';
import { summaryLine } from './summary.ts';

const result = (outcome: SeedResult['outcome']): SeedResult => ({
  seed: 1,
  float: false,
  outcome,
  detail: '',
});

describe('the sweep summary', () => {
  test('is the line issue #13 specifies, every class counted', () => {
    const results = [
      ...Array.from({ length: 3 }, () => result('agree')),
      result('differ'),
      ...Array.from({ length: 2 }, () => result('build-error')),
      result('timeout'),
      ...Array.from({ length: 4 }, () => result('unusable')),
    ];
    expect(summaryLine(results)).toBe(
      'csmith: 3 agree, 1 differ, 2 build-error, 0 runtime-error, 1 timeout, 4 unusable',
    );
  });
});
