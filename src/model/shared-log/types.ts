/** The shared log: configuration, node states, messages. */
import type { NodeId } from '../contract.js';
import type { KvCommand } from '../machines/kv.js';

export interface SharedLogBugs {
  /** The sequencer keeps its counter in memory only and hands out positions from 0 again after a restart. */
  readonly sequencerFromZero: boolean;
  /** The head acknowledges a write as soon as it stores it, before the rest of the chain has it. */
  readonly ackBeforeTail: boolean;
  /** A junk fill overwrites whatever the position holds, at every server, instead of being write-once. */
  readonly fillOverwrites: boolean;
}

export interface SharedLogConfig {
  readonly sequencer: NodeId;
  /** The chain, head first; reads go to the last (the tail), writes and fills to the head. */
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** Per client node, its commands in order (puts and cas are appended, gets replay). */
  readonly workload: Readonly<Record<NodeId, readonly KvCommand[]>>;
  /** Positions one write may take: a write that loses its position to another value asks for a new one, up to this many in all. */
  readonly attempts: number;
  /** Whether the second server may drop the head from the chain and take over (once). */
  readonly failover: boolean;
  readonly bugs: SharedLogBugs;
}

/** A client's command as it sits in the log: who appended it and its request number, so a writer recognises its own entry. */
export interface Entry {
  readonly client: NodeId;
  readonly seq: number;
  readonly cmd: KvCommand;
}

/** What a position holds once written: an entry, or the junk a reader filled a hole with. */
export type Value = Entry | 'junk';
/** A position as a server keeps it: null while unwritten. */
export type Slot = Value | null;

export interface SequencerState {
  readonly role: 'sequencer';
  /** The next position to hand out: also the log's tail as far as the sequencer knows. */
  readonly next: number;
  /** Per client (config order), the number of its latest request answered (-1: none), so a redelivered request is not served twice. */
  readonly asked: readonly number[];
}

export interface ServerState {
  readonly role: 'server';
  /** 1 for the initial chain; 2 once the second server has dropped the head and taken over. */
  readonly epoch: number;
  /** The positions, write-once: an entry or junk once written, null before. */
  readonly log: readonly Slot[];
}

export type ClientPhase =
  /** Between operations (or done). */
  | 'idle'
  /** A write waits for the sequencer's position. */
  | 'token'
  /** A write waits for the chain's answer at `pos`. */
  | 'write'
  /** A read waits for the sequencer's tail. */
  | 'tail'
  /** Catching up: reading positions log.length .. upTo - 1 from the tail. */
  | 'read'
  /** A write that lost every position it was given: it never returns. */
  | 'stuck';

export interface ClientState {
  readonly role: 'client';
  /** Commands invoked so far; the current one is number next - 1. */
  readonly next: number;
  readonly phase: ClientPhase;
  /** Requests sent to the sequencer so far: each carries its number. */
  readonly ask: number;
  /** The position this client's write holds (phase write, and read for a cas). */
  readonly pos: number;
  /** Positions the current write has been given. */
  readonly tries: number;
  /** Phase read: catch up to here. */
  readonly upTo: number;
  /** A fill was sent for position log.length (it read unwritten there). */
  readonly filling: boolean;
  /** Index into servers of the head as this client knows it. */
  readonly head: number;
  /** The prefix of the log this client has read: its copy of the object is the replay of it. */
  readonly log: readonly Value[];
}

export type NodeState = SequencerState | ServerState | ClientState;

export type SharedLogMessage =
  /** Client to sequencer: give me a position (request number ask). */
  | { readonly t: 'next'; readonly ask: number }
  /** Client to sequencer: what is the tail? */
  | { readonly t: 'tail'; readonly ask: number }
  | { readonly t: 'token'; readonly ask: number; readonly pos: number }
  | { readonly t: 'tailIs'; readonly ask: number; readonly pos: number }
  /** Client to head: write entry at pos. */
  | { readonly t: 'write'; readonly pos: number; readonly entry: Entry }
  /** Client to head: fill pos with junk unless it holds a value. */
  | { readonly t: 'fill'; readonly pos: number }
  /** Down the chain: pos holds val; the tail answers `for` (the writer, or the reader that filled). */
  | { readonly t: 'fwd'; readonly epoch: number; readonly pos: number; readonly val: Value; readonly kind: 'write' | 'fill'; readonly for: NodeId }
  /** To a writer: its entry `seq` is at pos (from the tail). */
  | { readonly t: 'ack'; readonly pos: number; readonly seq: number }
  /** To a writer: pos holds another value; ask for a new position. */
  | { readonly t: 'taken'; readonly pos: number; readonly seq: number }
  /** Client to tail: what does pos hold? */
  | { readonly t: 'read'; readonly pos: number }
  | { readonly t: 'val'; readonly pos: number; readonly val: Slot }
  /** The new head to every client: the chain now starts at servers[head]. */
  | { readonly t: 'chain'; readonly head: number };
