/**
 * Statements: each kind has a handler that emits its `case` labels and code into the function's
 * `switch (pc)`. Every statement that does work starts with a budget check (a resumable point);
 * loops and jumps become `pc=N;continue L;`, so control flow never needs JS loops of its own and
 * the function can stop and resume at any statement.
 */
import type { Init, Stmt, VarSym } from './ast.ts';
import { storeCode } from './compile-access.ts';
import type { FunctionContext } from './compile-context.ts';
import { is64, literal, rep } from './compile-values.ts';
import { sizeOf } from './types.ts';

type Node<K extends Stmt['k']> = Stmt & { k: K };
type StatementHandlers = { [K in Stmt['k']]: (cx: FunctionContext, s: Node<K>) => void };

/** The loop back edge's budget check: `while`, `for` and `do` cost a step per iteration. */
function loopCheck(cx: FunctionContext, label: number): void {
  cx.emit(`if(--b<0){b=0;pc=${label};break L;}s=${label};`);
}

const STATEMENT: StatementHandlers = {
  block(cx, s) {
    for (const c of s.body) statement(cx, c);
  },
  empty() {},
  expr(cx, s) {
    cx.statementStart(s.loc);
    cx.effect(s.expr);
  },
  decl(cx, s) {
    if (!s.init && (!s.sym.inMemory || s.sym.storage === 'param')) {
      // C leaves it indeterminate (C11 6.7.9p10); a JS local starts at 0 each time its
      // declaration runs.
      if (!s.sym.inMemory) cx.emit(`v${s.sym.slot}=${is64(rep(s.sym.type)) ? '0n' : '0'};`);
      return;
    }
    if (!s.init) return;
    cx.statementStart(s.loc);
    initialize(cx, s.sym, s.init);
  },
  if(cx, s) {
    cx.statementStart(s.loc);
    const elseLabel = cx.newLabel();
    const cond = cx.condition(s.test);
    cx.emit(`if(!${cond}){pc=${elseLabel};continue L;}`);
    statement(cx, s.then);
    if (s.else) {
      const end = cx.newLabel();
      cx.jump(end);
      cx.place(elseLabel);
      statement(cx, s.else);
      cx.place(end);
    } else cx.place(elseLabel);
  },
  while(cx, s) {
    const top = cx.newLabel();
    const end = cx.newLabel();
    cx.currentLoc = s.loc;
    cx.place(top);
    loopCheck(cx, top);
    cx.emit(`if(!${cx.condition(s.test)}){pc=${end};continue L;}`);
    cx.loops.push({ breakTo: end, continueTo: top });
    statement(cx, s.body);
    cx.loops.pop();
    cx.jump(top);
    cx.place(end);
  },
  do(cx, s) {
    const top = cx.newLabel();
    const test = cx.newLabel();
    const end = cx.newLabel();
    cx.currentLoc = s.loc;
    cx.place(top);
    cx.loops.push({ breakTo: end, continueTo: test });
    statement(cx, s.body);
    cx.loops.pop();
    cx.currentLoc = s.test.loc;
    cx.place(test);
    loopCheck(cx, test);
    cx.emit(`if(${cx.condition(s.test)}){pc=${top};continue L;}`);
    cx.place(end);
  },
  for(cx, s) {
    for (const i of s.init) statement(cx, i);
    const top = cx.newLabel();
    const next = cx.newLabel();
    const end = cx.newLabel();
    cx.currentLoc = s.loc;
    cx.place(top);
    if (s.test) {
      loopCheck(cx, top);
      cx.emit(`if(!${cx.condition(s.test)}){pc=${end};continue L;}`);
    }
    cx.loops.push({ breakTo: end, continueTo: next });
    statement(cx, s.body);
    cx.loops.pop();
    cx.currentLoc = s.loc;
    cx.place(next);
    if (s.update) {
      loopCheck(cx, next);
      cx.effect(s.update);
    } else if (!s.test) cx.emit(`if(--b<0){b=0;pc=${next};break L;}`); // `for(;;);` still costs steps
    cx.jump(top);
    cx.place(end);
  },
  /** C11 6.8.4.2: jump to the matching case label; the body then runs on (falls through). */
  switch(cx, s) {
    cx.statementStart(s.loc);
    const end = cx.newLabel();
    for (const c of s.cases) cx.caseLabels.set(c, cx.newLabel());
    const test = cx.scratch();
    cx.emit(`${test}=${cx.value(s.test)};`);
    const r = rep(s.test.type);
    let fallback = end;
    // A JS switch on the value: V8 compiles dense integer cases to a jump table.
    const arms: string[] = [];
    for (const c of s.cases) {
      if (c.value === null) fallback = cx.caseLabels.get(c)!;
      else arms.push(`case ${literal(c.value, r)}:pc=${cx.caseLabels.get(c)};continue L;`);
    }
    cx.emit(`switch(${test}){${arms.join('')}default:pc=${fallback};continue L;}`);
    // `break` leaves the switch; `continue` still belongs to the enclosing loop.
    cx.loops.push({
      breakTo: end,
      continueTo: cx.loops[cx.loops.length - 1]?.continueTo ?? null,
    });
    statement(cx, s.body);
    cx.loops.pop();
    cx.place(end);
  },
  case(cx, s) {
    const label = cx.caseLabels.get(s);
    if (label !== undefined) cx.place(label);
  },
  break(cx, s) {
    cx.statementStart(s.loc);
    cx.jump(cx.loops[cx.loops.length - 1]!.breakTo);
  },
  continue(cx, s) {
    cx.statementStart(s.loc);
    cx.jump(cx.loops[cx.loops.length - 1]!.continueTo!);
  },
  return(cx, s) {
    cx.statementStart(s.loc);
    if (!s.value) {
      cx.emit(`th.b=b;RET(th,fr,${defaultReturn(cx)});return;`);
      return;
    }
    const v = cx.value(s.value);
    if (cx.structReturn) {
      // The caller passed where the struct goes (`ra`, like AAPCS's hidden result address).
      cx.emit(`M.copy(fr.ra,${v},${sizeOf(cx.def.sym.type.ret)});th.b=b;RET(th,fr,fr.ra);return;`);
    } else if (s.value.type.kind === 'void') cx.emit(`${v};th.b=b;RET(th,fr,0);return;`);
    else cx.emit(`th.b=b;RET(th,fr,${v});return;`);
  },
  goto(cx, s) {
    cx.statementStart(s.loc);
    cx.jump(cx.gotoLabel(s.label));
  },
  label(cx, s) {
    cx.currentLoc = s.loc;
    cx.place(cx.gotoLabel(s.name));
    statement(cx, s.body);
  },
};

export function statement(cx: FunctionContext, s: Stmt): void {
  (STATEMENT[s.k] as (cx: FunctionContext, s: Stmt) => void)(cx, s);
}

/** What falling off the end of the function (or `return;`) passes back. */
export function defaultReturn(cx: FunctionContext): string {
  const r = rep(cx.def.sym.type.ret);
  return r === 'rec' ? 'fr.ra' : is64(r) ? '0n' : '0';
}

/** A local's initializer: the object is zeroed, then each flattened item stored (C11 6.7.9p21). */
function initialize(cx: FunctionContext, sym: VarSym, init: Init): void {
  if (!sym.inMemory) {
    const item = init.items[0];
    cx.emit(`v${sym.slot}=${item ? cx.value(item.expr) : is64(rep(sym.type)) ? '0n' : '0'};`);
    return;
  }
  const base = cx.address(sym);
  const single =
    init.items.length === 1 &&
    init.items[0]!.offset === 0 &&
    init.items[0]!.type.kind === 'record' &&
    !init.items[0]!.bitField;
  if (single) {
    const v = cx.value(init.items[0]!.expr);
    cx.emit(`M.copy(${base},${v},${sizeOf(sym.type)});`);
    return;
  }
  cx.emit(`M.fill(${base},0,${init.size});`);
  for (const item of init.items) {
    const v = cx.value(item.expr);
    const addr = `${base}+${item.offset}`;
    if (item.bitField)
      cx.emit(storeCode({ kind: 'bit', addr, field: item.bitField }, item.type, v) + ';');
    else if (item.type.kind === 'record') cx.emit(`M.copy(${addr},${v},${sizeOf(item.type)});`);
    else cx.emit(storeCode({ kind: 'mem', addr }, item.type, v) + ';');
  }
}
