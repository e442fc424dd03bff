import { describe, expect, it } from 'vitest';
import { decodeCommand, encodeCommand, NOOP, payloadText } from '../../../src/model/raft-kv/commands.js';
import { put1 } from './helpers.js';

describe('commands in log entries', () => {
  it('round-trips a client command through the opaque payload', () => {
    const c = { client: 'c2', seq: 3, cmd: put1 };
    expect(decodeCommand(encodeCommand(c))).toEqual(c);
    expect(payloadText(encodeCommand(c))).toBe('c2#3 put(x, 1)');
  });

  it('reads the no-op, and anything that is not a command, as no command', () => {
    expect(decodeCommand(NOOP)).toBeNull();
    expect(payloadText(NOOP)).toBe('noop');
    expect(decodeCommand('["c1", 0, {"op": "nope", "key": "x"}]')).toBeNull();
    expect(decodeCommand('{"c": 1}')).toBeNull();
  });
});
