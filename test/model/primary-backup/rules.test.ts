import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { onCommit, onForward, onRequestAtBackup } from '../../../src/model/primary-backup/backup.js';
import { describeMessage, describeState } from '../../../src/model/primary-backup/describe.js';
import { onAck, onRequest } from '../../../src/model/primary-backup/primary.js';
import { failoverRestarts, promoteSteps } from '../../../src/model/primary-backup/promotion.js';
import { primaryBackup } from '../../../src/model/primary-backup/protocol.js';
import { applyUpTo, findEntry } from '../../../src/model/primary-backup/store.js';
import type { Entry, PrimaryBackupConfig, ServerState } from '../../../src/model/primary-backup/types.js';

const cfg = (bugs: string[] = []): PrimaryBackupConfig =>
  freeze(primaryBackup.configure({ clients: 2, ops: 2, keys: 1, workload: 'put-get', retries: 1 }, bugs), true);
const primary = (s: Partial<ServerState> = {}): ServerState => freeze({ ...(primaryBackup.init(cfg(), 's1') as ServerState), ...s }, true);
const backup = (s: Partial<ServerState> = {}): ServerState => freeze({ ...(primaryBackup.init(cfg(), 's2') as ServerState), ...s }, true);
const put1: Entry = { client: 'c1', seq: 0, cmd: { op: 'put', key: 'x', value: 1 } };
const get2: Entry = { client: 'c2', seq: 1, cmd: { op: 'get', key: 'x' } };

describe('primary', () => {
  it('starts as primary of epoch 1 replicating to s2; s2 starts as its backup', () => {
    expect(primary()).toEqual({ role: 'primary', epoch: 1, backup: 's2', log: [], applied: 0, acked: 0, store: {}, outputs: [] });
    expect(backup().role).toBe('backup');
    expect(backup().backup).toBeNull();
  });

  it('logs a new request and forwards it, answering nothing yet', () => {
    const r = onRequest(cfg(), primary(), { t: 'req', seq: 0, cmd: put1.cmd }, 'c1');
    expect(r.state).toEqual({ ...primary(), log: [put1] });
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'fwd', epoch: 1, index: 0, entry: put1 } }]);
  });

  it('logs reads too: only the backup\'s acknowledgement proves it is still primary', () => {
    const r = onRequest(cfg(), primary(), { t: 'req', seq: 1, cmd: get2.cmd }, 'c2');
    expect(r.state.log).toEqual([get2]);
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'fwd', epoch: 1, index: 0, entry: get2 } }]);
  });

  it('answers a retry of an applied request from the recorded output, and re-forwards an unapplied one', () => {
    const done = primary({ log: [put1], applied: 1, acked: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(onRequest(cfg(), done, { t: 'req', seq: 0, cmd: put1.cmd }, 'c1')).toEqual({ state: done, send: [{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }] });
    const waiting = primary({ log: [put1] });
    expect(onRequest(cfg(), waiting, { t: 'req', seq: 0, cmd: put1.cmd }, 'c1')).toEqual({ state: waiting, send: [{ to: 's2', msg: { t: 'fwd', epoch: 1, index: 0, entry: put1 } }] });
  });

  it('with no backup (after a takeover) applies and answers at once', () => {
    const alone = primary({ epoch: 2, backup: null });
    const r = onRequest(cfg(), alone, { t: 'req', seq: 0, cmd: put1.cmd }, 'c1');
    expect(r.state).toEqual({ ...alone, log: [put1], applied: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });

  it('bug ackBeforeReplicate: applies and answers a write at once, forwarding it in the background; reads still wait', () => {
    const r = onRequest(cfg(['ackBeforeReplicate']), primary(), { t: 'req', seq: 0, cmd: put1.cmd }, 'c1');
    expect(r.state).toEqual({ ...primary(), log: [put1], applied: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(r.send).toEqual([
      { to: 's2', msg: { t: 'fwd', epoch: 1, index: 0, entry: put1 } },
      { to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } },
    ]);
    expect(onRequest(cfg(['ackBeforeReplicate']), primary(), { t: 'req', seq: 1, cmd: get2.cmd }, 'c2').send).toEqual([
      { to: 's2', msg: { t: 'fwd', epoch: 1, index: 0, entry: get2 } },
    ]);
  });

  it('bug localReads: answers a get from its own store, unlogged', () => {
    const s = primary({ store: { x: 1 } });
    expect(onRequest(cfg(['localReads']), s, { t: 'req', seq: 1, cmd: get2.cmd }, 'c2')).toEqual({ state: s, send: [{ to: 'c2', msg: { t: 'resp', seq: 1, out: 1 } }] });
  });

  it('on the acknowledgement applies, answers the clients and tells the backup to apply', () => {
    const s = primary({ log: [put1, get2] });
    const r = onAck(s, 1, 2, 's2');
    expect(r.state).toEqual({ ...s, acked: 2, applied: 2, store: { x: 1 }, outputs: ['ok', 1] });
    expect(r.send).toEqual([
      { to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } },
      { to: 'c2', msg: { t: 'resp', seq: 1, out: 1 } },
      { to: 's2', msg: { t: 'commit', epoch: 1, upTo: 2 } },
    ]);
  });

  it('ignores an old acknowledgement, one of another epoch, or one after it lost the role', () => {
    const s = primary({ log: [put1], acked: 1, applied: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(onAck(s, 1, 1, 's2').state).toBe(s);
    expect(onAck(primary({ log: [put1] }), 2, 1, 's2').send).toEqual([]);
    expect(onAck(backup({ log: [put1] }), 1, 1, 's2').send).toEqual([]);
  });
});

describe('backup', () => {
  it('appends the next entry of its epoch and acknowledges what it holds', () => {
    const r = onForward(backup(), 1, 0, put1, 's1');
    expect(r.state).toEqual({ ...backup(), log: [put1] });
    expect(r.send).toEqual([{ to: 's1', msg: { t: 'ack', epoch: 1, upTo: 1 } }]);
  });

  it('acknowledges a duplicate again without appending; waits for a gap to fill', () => {
    const s = backup({ log: [put1] });
    expect(onForward(s, 1, 0, put1, 's1')).toEqual({ state: s, send: [{ to: 's1', msg: { t: 'ack', epoch: 1, upTo: 1 } }] });
    expect(onForward(backup(), 1, 1, get2, 's1')).toEqual({ state: backup(), send: [] });
  });

  it('once promoted refuses the old epoch: the fence', () => {
    const promoted = promoteSteps(backup())[0].state;
    expect(onForward(promoted, 1, 0, put1, 's1')).toEqual({ state: promoted, send: [] });
  });

  it('applies committed entries when told, no further than it holds', () => {
    const s = backup({ log: [put1] });
    expect(onCommit(s, 1, 2).state).toEqual({ ...s, applied: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(onCommit(s, 2, 1).state).toBe(s);
  });

  it('refuses clients; bug readFromBackup: answers a get from its (lagging) store', () => {
    const s = backup({ log: [put1] });
    expect(onRequestAtBackup(cfg(), s, { t: 'req', seq: 1, cmd: get2.cmd }, 'c2')).toEqual({ state: s, send: [] });
    expect(onRequestAtBackup(cfg(['readFromBackup']), s, { t: 'req', seq: 1, cmd: get2.cmd }, 'c2').send).toEqual([{ to: 'c2', msg: { t: 'resp', seq: 1, out: null } }]);
    expect(onRequestAtBackup(cfg(['readFromBackup']), s, { t: 'req', seq: 0, cmd: put1.cmd }, 'c1').send).toEqual([]);
  });
});

describe('promotion', () => {
  it('takes over in epoch 2, alone, applying its whole log', () => {
    const [step] = promoteSteps(backup({ log: [put1] }));
    expect(step.state).toEqual({ role: 'primary', epoch: 2, backup: null, log: [put1], applied: 1, acked: 1, store: { x: 1 }, outputs: ['ok'] });
    expect(step.label).toBe('takes over as primary of epoch 2 with 1 log entries');
  });

  it('happens once, and never on a primary', () => {
    expect(promoteSteps(promoteSteps(backup())[0].state)).toEqual([]);
    expect(promoteSteps(primary())).toEqual([]);
  });
});

describe('failover timer (for netsim)', () => {
  it('the promotion waits for the failover timer, which restarts whenever the backup hears its primary', () => {
    expect(promoteSteps(backup())[0].timer).toBe('failover');
    expect(failoverRestarts(backup(), { t: 'fwd', epoch: 1, index: 0, entry: put1 })).toEqual(['failover']);
    expect(failoverRestarts(backup(), { t: 'commit', epoch: 1, upTo: 1 })).toEqual(['failover']);
    expect(failoverRestarts(backup(), { t: 'req', seq: 0, cmd: put1.cmd })).toEqual([]);
    expect(failoverRestarts(promoteSteps(backup())[0].state, { t: 'fwd', epoch: 1, index: 0, entry: put1 })).toEqual([]);
    expect(failoverRestarts(primary(), { t: 'ack', epoch: 1, upTo: 1 })).toEqual([]);
  });

  it('shows the simulator who leads (the primary, its epoch as term), what it holds and what it applied; clients show nothing', () => {
    expect(primaryBackup.observe!(cfg(), 's1', primary({ log: [put1, get2], applied: 1 }))).toEqual({ leader: true, term: 1, accepted: 2, committed: 1 });
    expect(primaryBackup.observe!(cfg(), 's2', backup())).toEqual({ leader: false, term: 1, accepted: 0, committed: 0 });
    expect(primaryBackup.observe!(cfg(), 'c1', primaryBackup.init(cfg(), 'c1'))).toEqual({});
    expect(primaryBackup.timers!.map((t) => t.name)).toEqual(['request', 'retry', 'failover']);
  });
});

describe('store', () => {
  it('applies in log order and finds a request by client and number', () => {
    const s = backup({ log: [put1, get2] });
    expect(applyUpTo(s, 1).outputs).toEqual(['ok']);
    expect(applyUpTo(s, 5).outputs).toEqual(['ok', 1]);
    expect(applyUpTo(s, 0)).toBe(s);
    expect(findEntry(s, 'c2', 1)).toBe(1);
    expect(findEntry(s, 'c2', 0)).toBe(-1);
  });
});

describe('protocol wiring', () => {
  it('has servers then clients, kv as its object, none without clients', () => {
    expect(primaryBackup.nodes(cfg()).map((d) => `${d.id}:${d.role}`)).toEqual(['s1:server', 's2:server', 'c1:client', 'c2:client']);
    expect(primaryBackup.object?.(cfg())?.name).toBe('kv');
    const none = primaryBackup.configure({ clients: 0, ops: 1, keys: 1, workload: 'put-get', retries: 0 }, []);
    expect(primaryBackup.object?.(none)).toBeNull();
    expect(() => primaryBackup.configure({ clients: 1, ops: 1, keys: 1, workload: 'put-get', retries: 0 }, ['nope'])).toThrow(/unknown bug "nope"/);
  });

  it('routes messages by role', () => {
    const c = cfg();
    expect(primaryBackup.handle(c, 's2', backup(), { t: 'fwd', epoch: 1, index: 0, entry: put1 }, 's1', 0).state).toEqual({ ...backup(), log: [put1] });
    expect(primaryBackup.handle(c, 's1', primary(), { t: 'resp', seq: 0, out: 'ok' }, 'c1', 0).send).toEqual([]);
    const client = primaryBackup.init(c, 'c1');
    expect(primaryBackup.local(c, 'c1', client, 0).map((s) => s.label)).toEqual(['invokes put(x, 1) at s1']);
    expect(primaryBackup.local(c, 's2', backup(), 0).map((s) => s.label)).toEqual(['takes over as primary of epoch 2 with 0 log entries']);
  });

  it('describes states and messages', () => {
    expect(describeState(cfg(), 's1', primary({ log: [put1], acked: 1, applied: 1, store: { x: 1 } }))).toBe('primary e1, acked 1 log [put(x, 1)] applied 1 store {x=1}');
    expect(describeMessage({ t: 'fwd', epoch: 1, index: 0, entry: put1 })).toBe('fwd(e1, #0 put(x, 1))');
    expect(describeMessage({ t: 'resp', seq: 1, out: null })).toBe('resp#1 nil');
  });
});
