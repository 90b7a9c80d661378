/**
 * GNU inline assembly statements (GCC manual, "Extended Asm"). The simulator runs C, not ARM
 * code, so only the few instructions firmware writes inline are accepted, each mapped to an
 * engine intrinsic: barriers, events, wait-for-interrupt, and reading or masking the CPSR.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr, Stmt } from '../ast.ts';
import { T } from '../types.ts';
import { INTRINSICS } from './builtins.ts';
import { constant, type Checker } from './context.ts';
import { assignment } from './assignment.ts';
import { cast } from './conversions.ts';
import { decodeEscapes, stringContent } from './literals.ts';

/** Inline assembly we accept: the barrier, event and interrupt-mask instructions of the A9. */
const ASM: Record<string, string> = {
  sev: '__sev',
  wfi: '__wfi',
  wfe: '__wfe',
  nop: '__nop',
  dmb: '__dmb',
  dsb: '__dsb',
  isb: '__isb',
};

/** An `asm("...")` statement as the intrinsic call it stands for, or an error. */
export function asm(cx: Checker, node: Node): Stmt {
  const loc = cx.loc(node);
  const code = node.childForFieldName('assembly_code');
  const text = code
    ? decodeEscapes(stringContent(code))
        .map((c) => String.fromCharCode(c))
        .join('')
        .replace(/;/g, ' ')
        .trim()
        .toLowerCase()
    : '';
  const mnemonic = text.split(/\s+/)[0] ?? '';
  const call = (name: string, args: Expr[] = []): Stmt => ({
    k: 'expr',
    loc,
    expr: { k: 'intrinsic', type: INTRINSICS[name]!.ret, loc, name, args },
  });
  if (text === '') return { k: 'empty', loc };
  if (ASM[mnemonic] && (text === mnemonic || /^(dmb|dsb)\s+\w+$/.test(text) || text === 'isb sy'))
    return call(ASM[mnemonic]);
  if (/^cpsi[de]\s+a?if?a?$/.test(text)) {
    // CPSR bits: I = 0x80, F = 0x40 (ARM ARM B1.3.3); cpsid sets them, cpsie clears them.
    const mask =
      (text.includes('i') && text.split(/\s+/)[1]!.includes('i') ? 0x80 : 0) |
      (text.split(/\s+/)[1]!.includes('f') ? 0x40 : 0);
    const get: Expr = { k: 'intrinsic', type: T.uint, loc, name: '__get_cpsr', args: [] };
    const m = constant(cx, node, mask, T.uint);
    const value: Expr = text.startsWith('cpsid')
      ? { k: 'binary', op: '|', type: T.uint, loc, left: get, right: m, opType: T.uint }
      : {
          k: 'binary',
          op: '&',
          type: T.uint,
          loc,
          left: get,
          right: constant(cx, node, ~mask >>> 0, T.uint),
          opType: T.uint,
        };
    return call('__set_cpsr', [value]);
  }
  const operands = (field: string): Node[] =>
    node
      .childForFieldName(field)
      ?.namedChildren.filter(
        (c): c is Node =>
          c?.type === 'gnu_asm_input_operand' || c?.type === 'gnu_asm_output_operand',
      ) ?? [];
  if (/^msr\s+cpsr(_c|_cxsf|_all)?\s*,\s*%0$/.test(text)) {
    const input = operands('input_operands')[0];
    if (!input) cx.fail(node, "'asm' operand number out of range");
    return call('__set_cpsr', [cast(cx.value(input.childForFieldName('value')!), T.uint)]);
  }
  if (/^mrs\s+%0\s*,\s*cpsr$/.test(text)) {
    const output = operands('output_operands')[0];
    if (!output) cx.fail(node, "'asm' operand number out of range");
    const target = cx.expression(output.childForFieldName('value')!);
    const get: Expr = { k: 'intrinsic', type: T.uint, loc, name: '__get_cpsr', args: [] };
    return { k: 'expr', loc, expr: assignment(cx, node, '=', target, get) };
  }
  return cx.fail(
    node,
    `unsupported inline assembly '${text}': the simulated Cortex-A9 runs C only (allowed: sev, wfi, wfe, nop, dmb, dsb, isb, cpsie/cpsid i, mrs/msr cpsr)`,
  );
}
