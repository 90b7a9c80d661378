/**
 * Compiles each linked C function to JavaScript source, once, as a resumable state machine:
 * `for (;;) switch (pc)` over statement labels. Straight-line statements fall through from one
 * case to the next for free; every statement starts with a budget check, so a slice can stop
 * before any statement and resume there. A call saves the caller's state (pc and its JS locals)
 * into its frame object, pushes the callee's frame and returns to the dispatcher (machine.ts), so
 * C recursion never grows the JS stack and the host can push an interrupt frame between any two
 * statements.
 *
 * Values: integers up to 32 bits are JS numbers normalized to their type (int `|0`, unsigned
 * `>>>0`, short `<<16>>16`, ...), 64-bit integers are BigInts, float is Math.fround'ed, pointers
 * are unsigned numbers, structs and unions are the address where they live. Locals whose address
 * is never taken (and that are not aggregates) live in JS variables; the rest live in the frame's
 * stack memory, reached through the Memory fast path like globals.
 *
 * This module wraps each function's code into its step function and frame constructor, and wires
 * the handlers into the context's dispatch; the rest lives in compile-values.ts (representations,
 * conversions, operators), compile-access.ts (loads and stores), compile-context.ts (per-function
 * state, frame layout, labels, spills, dispatch), compile-stmt.ts, compile-expr.ts and
 * compile-call.ts (one handler per node kind; they call each other only through the context).
 */
import { storeCode } from './compile-access.ts';
import { call, intrinsic } from './compile-call.ts';
import { FunctionContext, type Handlers } from './compile-context.ts';
import { condition, effect, value } from './compile-expr.ts';
import { defaultReturn, statement } from './compile-stmt.ts';
import { is64 } from './compile-values.ts';
import type { LinkedFunction, Program } from './link.ts';
import type { SourceLoc } from './report.ts';
import { alignUp, sizeOf } from './types.ts';

/** The context's dispatch: the handler modules reach each other only through it. */
const HANDLERS: Handlers = { statement, value, effect, condition, call, intrinsic };

// Exported from here before the compiler was split into modules; kept for existing importers.
export { argumentLayout } from './compile-context.ts';
export { convert, rep, type Rep } from './compile-values.ts';

export interface CompiledSource {
  /** JavaScript for the whole program: a factory `(rt, M, D) => void` filling D[i].step/.mk. */
  readonly source: string;
  /** Per function, the source location of each pc label. */
  readonly lines: SourceLoc[][];
  readonly frameSizes: number[];
}

export function compileProgram(program: Program): CompiledSource {
  const parts: string[] = [];
  const lines: SourceLoc[][] = [];
  const frameSizes: number[] = [];
  const indexOf = new Map<string, number>();
  for (const f of program.functions) {
    // Calls bind to the definition the linker chose (not inline-only or overridden weak ones).
    if (program.symbols.get(f.def.sym.linkName) === f.address)
      indexOf.set(f.def.sym.linkName, f.index);
  }
  for (const f of program.functions) {
    const c = compileFunction(f, program, indexOf);
    parts.push(c.source);
    lines.push(c.lines);
    frameSizes.push(c.frameSize);
  }
  const header = [
    '"use strict";',
    'const {r8,r8s,r16,r16s,r32,r64,r64s,rf32,rf64,w8,w16,w32,w64,wf32,wf64} = M;',
    ...program.functions.map(
      (f) => `const D${f.index} = D[${f.index}], P${f.index} = D${f.index}.pool;`,
    ),
    // Return: pop the frame, pass the value (an interrupt frame restores rv and CPSR instead).
    'function RET(th,fr,v){th.sp=fr.osp;th.top=fr.caller;th.depth--;' +
      'if(fr.isr){th.rv=fr.saved;th.cpsr=fr.scpsr;}else th.rv=v;' +
      "if(th.top===null){th.state='exited';th.exitCode=typeof v==='number'?v:0;}" +
      'fr.caller=null;const p=fr.fn.pool;if(p.length<64)p.push(fr);}',
  ];
  const footer = program.functions.map(
    (f) => `D${f.index}.step = st${f.index}; D${f.index}.mk = mk${f.index};`,
  );
  return { source: [...header, ...parts, ...footer].join('\n'), lines, frameSizes };
}

/** One function's JS: its step function `stN(th, fr)` and frame constructor `mkN(th, ...)`. */
function compileFunction(
  fn: LinkedFunction,
  program: Program,
  indexOf: Map<string, number>,
): { source: string; lines: SourceLoc[]; frameSize: number } {
  const cx = new FunctionContext(fn, program, indexOf, HANDLERS);
  cx.layoutFrame();
  const i = fn.index;
  const entry = cx.newLabel();
  cx.place(entry);
  cx.statement(cx.def.body);
  cx.emit(`th.b=b;RET(th,fr,${defaultReturn(cx)});return;`);
  const frameSize = alignUp(cx.frameEnd, 8) + 8; // + the saved fp/lr pair of an ARM frame
  const regs = cx.regTypes.map((_, k) => `v${k}`);
  const scratch = Array.from({ length: cx.scratchCount }, (_, k) => `t${k}`);
  const body = [
    `function st${i}(th,fr){`,
    `let pc=fr.pc,b=th.b,s=pc;const fp=fr.fp,ab=fr.ab;`,
    regs.length ? `let ${regs.map((r) => `${r}=fr.${r}`).join(',')};` : '',
    scratch.length ? `let ${scratch.join(',')};` : '',
    `try{L:for(;;){switch(pc){`,
    ...cx.out,
    `default:throw new Error('bad pc '+pc);}}}catch(e){throw rt.fault(e,th,fr,s);}`,
    `fr.pc=pc;${regs.map((r) => `fr.${r}=${r};`).join('')}th.b=b;}`,
    makeFunction(cx, frameSize),
  ];
  return { source: body.join('\n'), lines: cx.lines, frameSize };
}

/** `mkN(th, [ra,] args...)`: allocates the callee's stack frame and pushes its frame object. */
function makeFunction(cx: FunctionContext, frameSize: number): string {
  const i = cx.fn.index;
  const params = cx.def.params;
  const args = cx.variadic ? ['block'] : params.map((_, k) => `a${k}`);
  const sig = ['th', ...(cx.structReturn ? ['ra'] : []), ...args].join(',');
  const init: string[] = [];
  const regInit = cx.regTypes.map((r, k) => `v${k}:${is64(r) ? '0n' : '0'}`);
  const lines = [
    `function mk${i}(${sig}){`,
    `const osp=th.sp;const fp=(osp-${frameSize})&~${cx.frameAlign - 1};`,
    `if(fp<th.stackLimit)rt.stackOverflow(th,fp);`,
  ];
  if (!cx.variadic) {
    params.forEach((p, k) => {
      if (!p.inMemory) {
        regInit[p.slot] = `v${p.slot}:a${k}`;
        return;
      }
      const at = `fp+${cx.memOffset.get(p)!}`;
      init.push(
        p.type.kind === 'record'
          ? `M.copy(${at},a${k},${sizeOf(p.type)});`
          : storeCode({ kind: 'mem', addr: at }, p.type, `a${k}`) + ';',
      );
    });
  }
  // Frames are recycled per function (a pool filled by RET): C calls allocate nothing in steady state.
  const reuse = [
    'fr.pc=0;fr.caller=th.top;fr.osp=osp;fr.fp=fp;fr.isr=false;',
    cx.variadic ? 'fr.ab=block;' : '',
    cx.structReturn ? 'fr.ra=ra;' : '',
    ...params.map((p, k) => (!cx.variadic && !p.inMemory ? `fr.v${p.slot}=a${k};` : '')),
  ].join('');
  lines.push(
    `let fr=P${i}.pop();`,
    `if(fr===undefined)fr={fn:D${i},pc:0,caller:th.top,osp,fp,ab:${cx.variadic ? 'block' : '0'},ra:${cx.structReturn ? 'ra' : '0'},isr:false,saved:0,scpsr:0,${regInit.join(',')}};`,
    `else{${reuse}}`,
    `th.sp=fp;`,
    ...init,
    `th.top=fr;th.depth++;return fr;}`,
  );
  return lines.join('\n');
}
