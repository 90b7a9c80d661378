import { describe, expect, it } from 'vitest';
import type { FirmwareRunResult } from '../../../board/session.ts';
import { ledStates, transcript } from './firmware-console.ts';

const base: FirmwareRunResult = {
  status: 'returned',
  reason: 'returned 0 after 1.2 ms',
  simulatedMs: 1.2,
  cycles: 800_000,
  uart: 'Hello\r\nLED 1\r\n',
  jtag: '',
  leds: 0b101,
  diagnostics: '',
  fault: null,
  exitCode: 0,
  interrupts: [],
};

describe('firmware console', () => {
  it('shows the UART output with terminal line ends, then the status', () => {
    expect(transcript(base)).toBe('Hello\nLED 1\n[board] returned 0 after 1.2 ms');
  });

  it('puts compiler messages first and skips empty parts', () => {
    const failed = {
      ...base,
      uart: '',
      diagnostics: 'main.c:1:10: fatal error: x.h\n',
      reason: 'build failed',
    };
    expect(transcript(failed)).toBe('main.c:1:10: fatal error: x.h\n[board] build failed');
    expect(transcript(failed, false)).toBe('[board] build failed');
  });

  it('reads LED bits with LD0 first', () => {
    expect(ledStates(0b101)).toEqual([true, false, true, false, false, false, false, false]);
  });
});
