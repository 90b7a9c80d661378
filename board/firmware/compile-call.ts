/**
 * Calls and intrinsics: the points where a function may suspend. A call stores the resume label
 * in the frame, pushes the callee's frame (its `mkN`) and runs the callee right on the JS stack
 * when nesting allows; when the callee stops (budget, WFI, exit) the caller unwinds to the
 * dispatcher (machine.ts) and later resumes at the label, where the result is read from `th.rv`.
 */
import type { Expr } from './ast.ts';
import { storeCode } from './compile-access.ts';
import {
  argumentLayout,
  MAX_JS_NESTING,
  SUSPENDING,
  type FunctionContext,
} from './compile-context.ts';
import { MATH_BUILTINS } from './cmath.ts';
import { rep } from './compile-values.ts';

export function call(cx: FunctionContext, e: Expr & { k: 'call' }): string {
  const ft = e.fnType;
  const direct = e.callee.k === 'decay' && e.callee.arg.k === 'func' ? e.callee.arg.sym : null;
  const anyCall = e.args.some((a) => cx.hasCall(a)) || cx.hasCall(e.callee);
  let target: string;
  let step = '';
  // A call through a declaration without a prototype (an implicit one, C90 6.3.2.2) to a variadic
  // definition, as `xil_printf("%d", x)` with no #include: GCC passes the promoted arguments in
  // r0-r3 and on the stack, exactly where the variadic callee reads them (AAPCS), so it works.
  let variadic = ft.variadic;
  if (direct) {
    const idx = cx.indexOf.get(direct.linkName);
    if (idx !== undefined && ft.params === null)
      variadic ||= cx.program.functions[idx]!.def.sym.type.variadic;
    target =
      idx === undefined ? `rt.fnAt(th,${cx.program.symbols.get(direct.linkName)}).mk` : `mk${idx}`;
    if (idx !== undefined) step = `st${idx}(th,th.top)`;
  } else {
    const addr = cx.spill(cx.value(e.callee), e.callee.type);
    target = `rt.fnAt(th,${addr}).mk`;
  }
  // When a later argument may suspend, the earlier ones are saved in frame registers.
  const args = e.args.map((a) => (anyCall ? cx.spill(cx.value(a), a.type) : cx.value(a)));
  const pass: string[] = ['th'];
  if (ft.ret.kind === 'record') pass.push(`fp+${cx.frameTemp(ft.ret)}`);
  if (variadic) {
    // AAPCS: the caller lays out every argument as r0-r3 and the stack would hold them.
    const { offsets, size } = argumentLayout(e.args.map((a) => a.type));
    const block = cx.scratch();
    cx.emit(`${block}=(th.sp-${size})&~7;th.sp=${block};`);
    e.args.forEach((a, k) => {
      const at = `${block}+${offsets[k]}`;
      cx.emit(storeCode({ kind: 'mem', addr: at }, a.type, args[k]!) + ';');
    });
    pass.push(block);
  } else for (const a of args) pass.push(a);
  const resume = cx.newLabel();
  if (!step) {
    const callee = cx.scratch();
    step = `(${callee}=th.top).fn.step(th,${callee})`;
  }
  // Run the callee right here on the JS stack (bounded nesting); if it suspends (budget, WFI,
  // exit), unwind to the dispatcher, which resumes the innermost frame later.
  cx.emit(
    `pc=${resume};fr.pc=${resume};${target}(${pass.join(',')});` +
      `if(th.nest<${MAX_JS_NESTING}){th.b=b;th.nest++;${step};th.nest--;b=th.b;if(th.top!==fr)break L;}else break L;`,
  );
  cx.place(resume);
  if (variadic) cx.emit('th.sp=fp;');
  if (e.type.kind === 'void') return '0';
  const r = cx.reg(rep(e.type));
  cx.emit(`${r}=th.rv;`);
  return r;
}

/** `__name(args)`: an inline JS expression, or `rt.name(th, args)`, the runtime machine.ts passes in. */
export function intrinsic(cx: FunctionContext, e: Expr & { k: 'intrinsic' }): string {
  const args = e.args.map((a) => cx.spillIfCall(a, cx.value(a)));
  if (SUSPENDING.has(e.name)) {
    const resume = cx.newLabel();
    cx.emit(
      `pc=${resume};if(rt.${e.name.slice(2)}(th${args.map((a) => ',' + a).join('')})){break L;}`,
    );
    cx.place(resume);
    return '0';
  }
  const math = MATH_BUILTINS[e.name];
  if (math) return math(args);
  switch (e.name) {
    case '__builtin_va_start':
      // The first variadic argument follows the named ones in the argument block.
      return `w32(${args[0]},ab+${argumentLayout(cx.def.params.map((p) => p.type)).end})`;
    case '__builtin_va_end':
      return '0';
    case '__builtin_va_arg_ptr':
      return `rt.vaArg(${args[0]},${args[1]},${args[2]})`;
    case '__get_cpsr':
      return `(th.cpsr>>>0)`;
    case '__cpu_id':
      return `th.cpu`;
    default:
      return `rt.${e.name.slice(2)}(th${args.map((a) => ',' + a).join('')})`;
  }
}
