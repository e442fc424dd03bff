/** What 2PC promises, and the states a passing check must have reached to mean anything. */
import type { Invariant, Predicate, WorldView } from 'synod';
import type { Config, Msg, State } from './types.js';

type World = WorldView<State, Msg>;

function rmsIn(world: World, phase: 'committed' | 'aborted'): string[] {
  return world.nodes.filter((n) => n.state.kind === 'rm' && n.state.phase === phase).map((n) => n.id);
}

/** No RM commits while another aborts. */
export const atomicity: Invariant<Config, State, Msg> = {
  name: 'atomicity',
  description: 'no resource manager commits while another aborts',
  check(_config, world) {
    const committed = rmsIn(world, 'committed');
    const aborted = rmsIn(world, 'aborted');
    if (committed.length === 0 || aborted.length === 0) return null;
    return { message: 'one resource manager committed and another aborted', witnesses: [`committed: ${committed.join(', ')}`, `aborted: ${aborted.join(', ')}`] };
  },
};

export const committed: Predicate<Config, State, Msg> = {
  name: 'committed',
  description: 'every resource manager has committed',
  holds: (_config, world) => world.nodes.every((n) => n.state.kind === 'tm' || n.state.phase === 'committed'),
};

export const aborted: Predicate<Config, State, Msg> = {
  name: 'aborted',
  description: 'every resource manager has aborted',
  holds: (_config, world) => world.nodes.every((n) => n.state.kind === 'tm' || n.state.phase === 'aborted'),
};

export const finished: Predicate<Config, State, Msg> = {
  name: 'finished',
  description: 'every resource manager has committed or aborted',
  holds: (_config, world) => world.nodes.every((n) => n.state.kind === 'tm' || n.state.phase === 'committed' || n.state.phase === 'aborted'),
};
