import { describe, expect, test } from 'vitest';
import type { Sym } from '../ast.ts';
import { T } from '../types.ts';
import { distanceCutoff, editDistance, suggestName } from './spellcheck.ts';

describe("GCC's edit distance (gcc/spellcheck.cc, its selftests' values)", () => {
  test('an edit costs 2, a change of case 1, an adjacent transposition one edit', () => {
    const both = (a: string, b: string): number[] => [editDistance(a, b), editDistance(b, a)];
    expect(both('', 'nonempty')).toEqual([16, 16]);
    expect(both('saturday', 'sunday')).toEqual([6, 6]);
    expect(both('foo', 'm_foo')).toEqual([4, 4]);
    expect(both('hello_world', 'HelloWorld')).toEqual([4, 4]);
    expect(both('foo', 'FOO')).toEqual([3, 3]);
    expect(both('ab', 'ba')).toEqual([2, 2]);
    expect(both('coorzd1', 'coordz1')).toEqual([2, 2]);
    expect(both('saturday', 'sundya')).toEqual([8, 8]);
    expect(both('signed', 'singed')).toEqual([2, 2]);
  });

  test('a suggestion is meaningful within a third of the longer length', () => {
    const meaningful = (candidate: string, goal: string): boolean =>
      editDistance(goal, candidate) <= distanceCutoff(goal.length, candidate.length);
    expect(meaningful('m_bar', 'bar')).toBe(true);
    expect(meaningful('MACRO', 'MACRAME')).toBe(true);
    expect(meaningful('ab', 'ac')).toBe(true);
    expect(meaningful('a', 'b')).toBe(false);
    expect(meaningful('sqrt', 'assert')).toBe(false);
    expect(meaningful('INT8_MAX', 'PATH_MAX')).toBe(false);
    expect(meaningful('char', 'bar')).toBe(false);
  });
});

const typedef = (name: string): Sym => ({ kind: 'typedef', name, type: T.uint });
const LOC = { file: 'main.c', line: 1, column: 1 };
const variable = (name: string, type = T.int): Sym => ({
  kind: 'var',
  name,
  type,
  storage: 'local',
  linkName: name,
  external: false,
  inMemory: false,
  defined: true,
  loc: LOC,
  slot: 0,
});
const scope = (...syms: Sym[]) => ({ names: new Map(syms.map((s) => [s.name, s])) });

describe('suggestName (gcc/c/c-decl.cc lookup_name_fuzzy)', () => {
  test('suggests the closest name of the kind asked for', () => {
    const file = scope(typedef('u8'), typedef('u32'), typedef('sint32'));
    expect(suggestName('u23', 'type', [file])).toBe('u32');
    expect(suggestName('uint32', 'type', [file])).toBe('sint32');
    expect(suggestName('zzzzzz', 'type', [file])).toBeNull();
  });

  test('the innermost scope and the newest name win a tie; a later one must be closer', () => {
    expect(suggestName('ab', 'type', [scope(typedef('ac')), scope(typedef('ad'))])).toBe('ad');
    expect(suggestName('ab', 'type', [scope(typedef('ac'), typedef('ad'))])).toBe('ad');
  });

  test('macros only when strictly closer; type keywords last, only for a type name', () => {
    const file = scope(typedef('LED_BASE'));
    expect(suggestName('LED_BASF', 'type', [file], ['LED_BASE2'])).toBe('LED_BASE');
    expect(suggestName('LED_BASE1', 'name', [file], ['LED_BASE2'])).toBe('LED_BASE');
    expect(suggestName('LED_BASE12', 'name', [file], ['LED_BASE13'])).toBe('LED_BASE13');
    expect(suggestName('XPAR_GPIO_BASEADR', 'name', [], ['XPAR_GPIO_BASEADDR'])).toBe(
      'XPAR_GPIO_BASEADDR',
    );
    expect(suggestName('uint8', 'type', [])).toBe('int');
    expect(suggestName('uint8', 'name', [])).toBeNull();
  });

  test('no suggestion for names the C library declares, or reserved for the implementation', () => {
    expect(suggestName('uint32_t', 'type', [scope(typedef('uint32_tt'))])).toBeNull();
    expect(suggestName('count', 'name', [scope(variable('__count'))])).toBeNull();
    expect(suggestName('_count', 'name', [scope(variable('__count'))])).toBe('__count');
    expect(suggestName('count', 'name', [], ['__count', '_Count'])).toBeNull();
  });

  test('for a function: functions and function pointers, never an implicit declaration', () => {
    const fn = (name: string, implicit: boolean): Sym => ({
      kind: 'func',
      name,
      type: { kind: 'function', ret: T.int, params: [], variadic: false },
      linkName: name,
      external: true,
      isInline: false,
      inlineDefinitionOnly: false,
      weak: false,
      defined: false,
      implicit,
      loc: LOC,
    });
    expect(suggestName('xil_print', 'function', [scope(fn('xil_printf', false))])).toBe(
      'xil_printf',
    );
    expect(suggestName('xil_print', 'function', [scope(fn('xil_printf', true))])).toBeNull();
    expect(suggestName('xil_print', 'function', [scope(variable('xil_printf'))])).toBeNull();
    const pointer = variable('xil_printf', {
      kind: 'pointer',
      to: { kind: 'function', ret: T.int, params: [], variadic: false },
    });
    expect(suggestName('xil_print', 'function', [scope(pointer)])).toBe('xil_printf');
  });
});
