import { describe, expect, it } from 'vitest';
import { describeThrown } from './describe-thrown.ts';

describe('describeThrown', () => {
  it('says what kind of value was thrown', () => {
    expect(describeThrown('x')).toBe("the string 'x'");
    expect(describeThrown(42)).toBe('the number 42');
    expect(describeThrown(undefined)).toBe('undefined');
    expect(describeThrown(null)).toBe('null');
    expect(describeThrown(new RangeError('bad'))).toBe('RangeError: bad');
    expect(describeThrown({ code: 3 })).toBe('an object {"code":3}');
    expect(describeThrown({ toString: () => 'custom' })).toBe('an object: custom');
  });

  it('never throws, whatever the value does', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(describeThrown(hostile)).toBe('an object (its toString() threw)');
    const error = new Error('hidden');
    Object.defineProperty(error, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(describeThrown(error)).toBe('Error (its message could not be read)');
    const proxy = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no');
        },
        get() {
          throw new Error('no');
        },
      },
    );
    expect(() => describeThrown(proxy)).not.toThrow();
  });
});
