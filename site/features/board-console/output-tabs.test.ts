import { describe, expect, it } from 'vitest';
import { tabAfterKey } from './OutputTabs.tsx';

describe('the output tabs’ keys (WAI-ARIA tabs pattern)', () => {
  it('moves with the arrows and wraps around', () => {
    expect(tabAfterKey('terminal', 'ArrowRight')).toBe('jtag');
    expect(tabAfterKey('jtag', 'ArrowRight')).toBe('xsdb');
    expect(tabAfterKey('messages', 'ArrowRight')).toBe('terminal');
    expect(tabAfterKey('terminal', 'ArrowLeft')).toBe('messages');
  });
  it('jumps with Home and End, and ignores other keys', () => {
    expect(tabAfterKey('xsdb', 'Home')).toBe('terminal');
    expect(tabAfterKey('xsdb', 'End')).toBe('messages');
    expect(tabAfterKey('xsdb', 'Enter')).toBeNull();
  });
});
