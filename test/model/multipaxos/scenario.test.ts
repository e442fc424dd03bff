/**
 * The story behind the executor's sessions, played rule by rule: a client's
 * retry is chosen in two slots, and the request is applied once.
 */
import { describe, expect, it } from 'vitest';
import type { Send } from '../../../src/model/contract.js';
import { onAccept, onPrepare } from '../../../src/model/multipaxos/acceptor.js';
import { onAck, onPromise, onRequest, startSteps } from '../../../src/model/multipaxos/leader.js';
import { requestChosenTwice } from '../../../src/model/multipaxos/properties.js';
import type { MultiPaxosMessage, ServerState } from '../../../src/model/multipaxos/types.js';
import { cfg, put1, server, world } from './helpers.js';

const c = cfg();
const put = (value: number) => ({ op: 'put', key: 'x', value }) as const;
const only = <T extends MultiPaxosMessage['t']>(send: readonly Send<MultiPaxosMessage>[], to: string, t: T) =>
  send.filter((s) => s.to === to && s.msg.t === t).map((s) => s.msg as Extract<MultiPaxosMessage, { t: T }>);

/** `to` promises the leader's ballot; the leader takes the promise. */
function promise(leader: ServerState, self: string, acceptor: ServerState, to: string): [ServerState, ServerState, readonly Send<MultiPaxosMessage>[]] {
  const p = onPrepare(acceptor, leader.ballot, self);
  const [msg] = only(p.send, self, '1b');
  const r = onPromise(c, self, leader, msg.b, msg.votes, to);
  return [r.state, p.state, r.send];
}

describe('a retry chosen in two slots', () => {
  it('is reachable, and the executor applies it once', () => {
    // s1 leads ballot 1 with s3's promise and puts c1's request in slot 0, accepted by s1 alone.
    let s1 = startSteps(c, 's1', server())[0].state;
    let s3 = server();
    [s1, s3] = promise(s1, 's1', s3, 's3');
    s1 = onRequest(c, 's1', s1, { t: 'req', seq: 0, cmd: put(1) }, 'c1').state;
    // s2 leads ballot 2 with s3's promise, never hearing of it: c2's request takes slot 0 (s2 alone), c1's retry slot 1.
    let s2 = startSteps(c, 's2', server())[0].state;
    [s2, s3] = promise(s2, 's2', s3, 's3');
    s2 = onRequest(c, 's2', s2, { t: 'req', seq: 0, cmd: put(2) }, 'c2').state;
    const retry = onRequest(c, 's2', s2, { t: 'req', seq: 0, cmd: put(1) }, 'c1');
    const [slot1] = only(retry.send, 's3', '2a');
    const accepted = onAccept(s3, slot1.b, slot1.slot, slot1.v, 's2');
    s3 = accepted.state;
    s2 = onAck(c, retry.state, 2, 1, 's3').state;
    expect(s2.chosen).toEqual([null, put1]);
    // s1 leads ballot 3 with s3's promise: slot 0 still holds only its own vote, slot 1 the retry: both re-proposed.
    s1 = startSteps(c, 's1', s1)[0].state;
    let sent: readonly Send<MultiPaxosMessage>[];
    [s1, s3, sent] = promise(s1, 's1', s3, 's3');
    expect(s1.log).toEqual([put1, put1]);
    const replies: Send<MultiPaxosMessage>[] = [];
    for (const m of only(sent, 's3', '2a')) {
      const a = onAccept(s3, m.b, m.slot, m.v, 's1');
      s3 = a.state;
      const r = onAck(c, s1, m.b, m.slot, 's3');
      s1 = r.state;
      replies.push(...r.send);
    }
    expect(requestChosenTwice.holds(c, world({ s1, s2, s3 }))).toBe(true);
    expect(s1.chosen).toEqual([put1, put1]);
    expect(s1.executed).toBe(0b11);
    expect(s1.store).toEqual({ x: 1 });
    expect(replies).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });
});
