import { describe, expect, test } from 'vitest';
import { BusFault, RamBus, type Access } from './bus.ts';
import { Machine } from './machine.ts';
import { buildC, runC } from './testing.ts';

describe('runtime faults carry file:line and the C call stack', () => {
  test('null pointer dereference', async () => {
    const r = await runC(
      'int read(int *p) {\n  return *p;\n}\nint main(void) {\n  return read(0);\n}\n',
    );
    expect(r.thread!.state).toBe('faulted');
    expect(r.thread!.fault!.format()).toBe(
      'main.c:2:3: runtime error: null pointer dereference (address 0x00000000)\n    at read (main.c:2)\n    at main (main.c:5)',
    );
  });

  test('division by zero, unmapped address, stack overflow', async () => {
    // libgcc's __aeabi_idiv returns INT_MAX for a positive dividend and a zero divisor, no trap.
    const div = await runC('int main(void) {\n  int z = 0;\n  return 10 / z;\n}\n');
    expect(div.thread!.fault).toBe(null);
    expect(div.thread!.exitCode).toBe(2147483647);
    const unmapped = await runC('int main(void) {\n  return *(volatile int *)0x70000000;\n}\n');
    expect(unmapped.thread!.fault!.message).toBe('access to unmapped address 0x70000000');
    const deep = await runC(
      'int down(int n) {\n  int pad[16];\n  pad[0] = n;\n  return down(n + 1) + pad[0];\n}\nint main(void) {\n  return down(0);\n}\n',
    );
    expect(deep.thread!.fault!.kind).toBe('stack-overflow');
    expect(deep.thread!.fault!.loc.line).toBe(4);
    expect(deep.thread!.fault!.callStack.length).toBeGreaterThan(50);
  });

  test('misaligned access to device memory faults when the bus refuses it; RAM allows it', async () => {
    class DeviceBus extends RamBus {
      override read32(addr: number, access: Access): number {
        if (addr >= 0x40000000 && addr < 0x40001000) {
          if (!access.aligned)
            throw new BusFault(
              { kind: 'alignment', address: addr, memoryType: 'device' },
              `unaligned access to device memory at 0x${addr.toString(16).padStart(8, '0')}`,
            );
          return 0x12345678;
        }
        return super.read32(addr);
      }
    }
    const src =
      'typedef unsigned int u32;\nint main(void) {\n  char buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};\n  u32 v = *(u32 *)(buf + 1);\n  u32 ok = *(volatile u32 *)0x40000000;\n  return (v == 0x05040302) + (ok == 0x12345678) + *(volatile u32 *)0x40000002;\n}\n';
    const r = await runC(src, { bus: new DeviceBus() });
    expect(r.thread!.fault!.format()).toBe(
      'main.c:6:3: runtime error: unaligned access to device memory at 0x40000002\n    at main (main.c:6)',
    );
  });
});

describe('steppable threads', () => {
  test('a step budget stops a runaway loop and the slice resumes where it stopped', async () => {
    const r = await buildC({
      'main.c': 'volatile int n;\nint main(void) {\n  while (1) n++;\n}\n',
    });
    const m = new Machine(r.program!, new RamBus());
    const th = m.spawn();
    expect(m.run(th, 1000)).toEqual({ executed: 1000, state: 'running' });
    const n = m.memory.r32(r.program!.symbols.get('n')!);
    expect(n).toBe(500); // one step for the test, one for the statement
    m.run(th, 10);
    expect(m.memory.r32(r.program!.symbols.get('n')!)).toBe(505);
  });

  test('an interrupt handler runs between statements on a fresh frame with IRQs masked', async () => {
    const src = `#include <host.h>
volatile int ticks;
int depth(int n) { return n == 0 ? ticks : depth(n - 1); }
void timer_isr(void *ref) { ticks += (int)ref; }
int main(void) {
  int last = 0;
  __asm__ volatile ("cpsie i");
  while (ticks < 3) { last = depth(5); }
  __host_putchar('0' + ticks);
  return last;
}`;
    const r = await buildC({ 'main.c': src });
    let out = '';
    const m = new Machine(r.program!, new RamBus(), {
      putchar: (_cpu, c) => void (out += String.fromCharCode(c)),
    });
    const th = m.spawn();
    m.run(th, 3);
    expect(th.irqMasked).toBe(false);
    for (let i = 0; i < 3; i++) {
      m.run(th, 7); // stop somewhere inside depth()'s recursion
      const cpsr = th.cpsr;
      m.interrupt(th, 'timer_isr', [1]);
      expect(th.irqMasked).toBe(true);
      m.run(th, 4); // the handler's one statement and its return
      expect(th.cpsr).toBe(cpsr);
    }
    while (th.state === 'running') m.run(th, 100);
    expect(out).toBe('3');
    expect(th.exitCode).toBeGreaterThanOrEqual(2);
  });

  test('wfi sleeps until an interrupt; two CPUs share memory; sev/wfe/dmb reach the hooks', async () => {
    const src = `volatile unsigned flag;
volatile unsigned seen;
void isr(void) { flag = 1; }
int main(void) {
  while (!flag) { __asm__ volatile ("wfi"); }
  __asm__ volatile ("dmb");
  __asm__ volatile ("sev");
  return 7;
}
int cpu1_main(void) {
  while (!flag) { __asm__ volatile ("wfe"); }
  seen = flag + 1;
  return 0;
}`;
    const r = await buildC({ 'main.c': src });
    const events: string[] = [];
    const m = new Machine(r.program!, new RamBus(), {
      wfi: (cpu) => (events.push(`wfi${cpu}`), true),
      wfe: (cpu) => (events.push(`wfe${cpu}`), true),
      sev: (cpu) => void events.push(`sev${cpu}`),
      barrier: (cpu, kind) => void events.push(`${kind}${cpu}`),
    });
    const cpu0 = m.spawn();
    const layout = r.program!.layout;
    const cpu1 = m.spawn({
      cpu: 1,
      entry: r.program!.symbols.get('cpu1_main')!, // by address, as CPU1 finds it at 0xFFFFFFF0
      stackTop: layout.stackTop - 0x1000,
      stackSize: 0x1000,
    });
    expect(m.run(cpu0, 100).state).toBe('waiting');
    expect(m.run(cpu1, 100).state).toBe('waiting');
    m.interrupt(cpu0, 'isr');
    expect(m.run(cpu0, 100)).toMatchObject({ state: 'exited' });
    expect(cpu0.exitCode).toBe(7);
    m.wake(cpu1);
    expect(m.run(cpu1, 100).state).toBe('exited');
    expect(m.memory.r32(r.program!.symbols.get('seen')!)).toBe(2);
    expect(events).toEqual(['wfi0', 'wfe1', 'dmb0', 'sev0']);
  });
});

describe('timing for the board', () => {
  test('thread.b is current at each volatile access, so a device can tell how far the slice got', async () => {
    const seen: number[] = [];
    class TimerBus extends RamBus {
      thread: { b: number } | null = null;
      override read32(addr: number): number {
        if (addr === 0xf8f00200) {
          seen.push(this.thread!.b);
          return 0;
        }
        return super.read32(addr);
      }
    }
    const bus = new TimerBus();
    const r = await buildC({
      'main.c':
        'int main(void) {\n  int x = 0;\n  x += *(volatile unsigned *)0xF8F00200;\n  x++;\n  x++;\n  x += *(volatile unsigned *)0xF8F00200;\n  return x;\n}\n',
    });
    const m = new Machine(r.program!, bus);
    const th = m.spawn();
    bus.thread = th;
    m.run(th, 100);
    expect(seen).toEqual([98, 95]);
  });
});
