import { describe, expect, it } from 'vitest';
import { batchRequest } from './protocol.ts';

describe('board protocol', () => {
  it('asks for a batch run of one main.c', () => {
    expect(batchRequest(3, 'int main(void) { return 0; }', 100)).toEqual({
      type: 'batch',
      id: 3,
      request: {
        files: { 'main.c': 'int main(void) { return 0; }' },
        sources: ['main.c'],
        ms: 100,
      },
    });
  });
});
