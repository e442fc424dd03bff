/**
 * A model that breaks the contract (src/model/contract.ts): a state,
 * message or persisted value that is not JSON data, a rule that mutates its
 * input or throws, a step of the wrong shape. The checker stops with this
 * one-line error, naming the protocol, node, step and path, instead of a
 * verdict it could not trust (the CLI exits 2).
 */
export class ModelError extends Error {
  override name = 'ModelError';
}
