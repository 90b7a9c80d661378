/**
 * The type check of submissions: every exercise's solution is clean, and a type error, in the
 * learner's own file or against the exercise's declared signature, is reported at its place with
 * TypeScript's message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { manifest } from '../manifest.ts';
import { typeCheck } from './type-check.ts';
import { TYPE_CHECK_NAME, withTypeErrors } from './type-errors.ts';
import type { GradeResult } from './types.ts';

function folder(id: string, kind: 'start' | 'solution'): Record<string, string> {
  const dir = new URL(`../${id}/${kind}/`, import.meta.url);
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]),
  );
}

const tsExercises = manifest.filter((e) => e.language === 'ts');

describe('typeCheck', () => {
  it.each(tsExercises.map((e) => e.id))('%s: the solution type-checks clean', (id) => {
    expect(typeCheck(ts, { exerciseId: id, files: folder(id, 'solution') })).toEqual([]);
  });

  it.each(tsExercises.map((e) => e.id))('%s: the starter type-checks clean too', (id) => {
    // A learner's first run must fail on the checks, not on types they did not write.
    expect(typeCheck(ts, { exerciseId: id, files: folder(id, 'start') })).toEqual([]);
  });

  it('reports a type error in the learner file at file:line:col with TypeScript message', () => {
    const id = 'shufflenet/01-group-conv-params';
    const start = folder(id, 'start')['group-conv-params.ts']!;
    // A mutant of the starter: the return value becomes a string, the signature stays.
    const mutant = start.replace(/return (.*);/, 'return String($1);');
    expect(mutant).not.toBe(start);
    const errors = typeCheck(ts, { exerciseId: id, files: { 'group-conv-params.ts': mutant } });
    expect(errors).toEqual([
      {
        file: 'group-conv-params.ts',
        line: 4,
        column: 3,
        message: "Type 'string' is not assignable to type 'number'. (TS2322)",
      },
    ]);
  });

  it('checks the exports against the declared signature even when the annotation changed', () => {
    const id = 'shufflenet/01-group-conv-params';
    const source = `export function groupConvParams(cin: number, cout: number, k: number, groups: number): string {
  return String(cout * (cin / groups) * k * k);
}
`;
    const errors = typeCheck(ts, { exerciseId: id, files: { 'group-conv-params.ts': source } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'group-conv-params.ts', line: 1, column: 17 });
    expect(errors[0]!.message).toContain(
      "'groupConvParams' does not match the exercise's declared signature",
    );
    expect(errors[0]!.message).toContain("Type 'string' is not assignable to type 'number'.");
  });

  it('knows the runtime and chained tfjs methods, and flags a missing export', () => {
    const id = 'shufflenet/02-channel-shuffle';
    const source = `import * as tf from '@tensorflow/tfjs-core';
import { RUNTIME_VERSION_DOES_NOT_EXIST } from 'shufflenet-lab/runtime';
export function shuffle(x: tf.Tensor4D): tf.Tensor4D {
  return x.reshape(x.shape);
}
`;
    const errors = typeCheck(ts, { exerciseId: id, files: { 'channel-shuffle.ts': source } });
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['2:10', '1:1']);
    expect(errors[0]!.message).toMatch(/has no exported member 'RUNTIME_VERSION_DOES_NOT_EXIST'/);
    expect(errors[1]!.message).toMatch(/'channelShuffle' does not match/);
  });
});

describe('withTypeErrors', () => {
  const passed: GradeResult = {
    exerciseId: 'x',
    status: 'pass',
    compileErrors: [],
    checks: [{ name: 'a', status: 'pass', message: 'correct' }],
    durationMs: 1,
  };
  const error = { file: 'a.ts', line: 2, column: 3, message: 'bad (TS2322)' };

  it('turns a pass into a failure with a failed check and the errors listed', () => {
    const result = withTypeErrors(passed, [error]);
    expect(result.status).toBe('fail');
    expect(result.compileErrors).toEqual([error]);
    expect(result.checks[0]).toEqual({
      name: TYPE_CHECK_NAME,
      status: 'fail',
      message: '1 type error (listed with their places), the first at a.ts:2:3',
    });
  });

  it('leaves a clean run and a run stopped by syntax errors as they are', () => {
    expect(withTypeErrors(passed, [])).toBe(passed);
    const syntax = { ...passed, status: 'error' as const, compileErrors: [error], checks: [] };
    expect(withTypeErrors(syntax, [error])).toBe(syntax);
  });
});
