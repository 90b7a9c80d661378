import { describe, expect, it } from 'vitest';
import { CommandHistory } from './command-history.ts';

describe('command history', () => {
  it('recalls commands with Up and Down and comes back to the draft', () => {
    const h = new CommandHistory();
    h.push('mrd 0x41200000');
    h.push('state');
    h.push('state');
    h.push('  ');
    expect(h.up('mr')).toBe('state');
    expect(h.up('ignored')).toBe('mrd 0x41200000');
    expect(h.up('ignored')).toBeNull();
    expect(h.down()).toBe('state');
    expect(h.down()).toBe('mr');
    expect(h.down()).toBeNull();
  });

  it('keeps at most its limit, dropping the oldest', () => {
    const h = new CommandHistory(2);
    for (const c of ['a', 'b', 'c']) h.push(c);
    expect(h.up('')).toBe('c');
    expect(h.up('')).toBe('b');
    expect(h.up('')).toBeNull();
  });
});
