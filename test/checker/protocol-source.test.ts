/** Where a spec's protocol comes from: a built-in name, or the module a path names, relative to the spec file. */
import { describe, expect, it } from 'vitest';
import { loadSpec, loadSpecFile } from '../../src/checker/load-spec.js';
import { isModuleReference, moduleUrl, protocolProblem } from '../../src/checker/protocol-source.js';
import { paxos } from '../../src/model/paxos/protocol.js';

const file = 'test/checker/fixtures/some.json';
const load = (protocol: string) => loadSpec(file, { protocol, expect: 'pass' });
const message = async (protocol: string): Promise<string> => {
  try {
    await load(protocol);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('loaded');
};

describe('protocol sources', () => {
  it('takes paths (relative, absolute, file URLs) as modules and anything else as a built-in name', () => {
    expect(['./x.js', '../dist/x.js', '/abs/x.js', 'file:///x.js', '.\\x.js'].every(isModuleReference)).toBe(true);
    expect(['paxos', 'twopc', 'x.js'].some(isModuleReference)).toBe(false);
    expect(moduleUrl('../dist/p.js#mine', '/home/u/specs/a.json')).toBe('file:///home/u/dist/p.js#mine');
  });

  it('resolves a built-in by name, with no module to import', async () => {
    const s = await load('paxos');
    expect(s.protocol).toBe(paxos);
    expect(s.protocolModule).toBeUndefined();
  });

  it('picks #exportName, else the only protocol export, relative to the spec file', async () => {
    const named = await load('./flawed-models.mjs#fine');
    expect(named.protocol.name).toBe('fine');
    expect(named.protocolModule).toMatch(/^file:\/\/.*\/test\/checker\/fixtures\/flawed-models\.mjs#fine$/);
    const first = await load('./two-protocols.mjs#first');
    expect(first.protocol.name).toBe('first');
  });

  it('uses the default export when it is a protocol', async () => {
    const s = await loadSpecFile('examples/two-phase-commit/specs/correct.json');
    expect(s.protocol.name).toBe('two-phase-commit');
    expect(s.protocolModule).toMatch(/examples\/two-phase-commit\/dist\/protocol\.js#default$/);
  });

  it('says which export to name when a module has several protocols', async () => {
    expect(await message('./two-protocols.mjs')).toBe(
      'test/checker/fixtures/some.json: protocol: ./two-protocols.mjs: the module exports several protocols (first, second): name one, as in "#first"',
    );
  });

  it('names the spec and module of a module that cannot be loaded or exports no protocol', async () => {
    expect(await message('./missing.js')).toMatch(/^test\/checker\/fixtures\/some\.json: protocol: \.\/missing\.js: cannot load the module \(Cannot find module /);
    expect(await message('./not-a-protocol.mjs')).toBe(
      'test/checker/fixtures/some.json: protocol: ./not-a-protocol.mjs: the module exports no protocol (exports: answer, default; the default export half has no configure() function)',
    );
    expect(await message('./two-protocols.mjs#notAProtocol')).toBe(
      'test/checker/fixtures/some.json: protocol: ./two-protocols.mjs#notAProtocol: export "notAProtocol" is number, not a protocol object',
    );
    expect(await message('./two-protocols.mjs#third')).toBe(
      'test/checker/fixtures/some.json: protocol: ./two-protocols.mjs#third: the module has no export "third" (exports: first, notAProtocol, second)',
    );
    expect(await message('twopc')).toMatch(/^test\/checker\/fixtures\/some\.json: protocol: unknown protocol "twopc" \(see `synod list`; a module path starts with \.\/ or \.\.\//);
  });

  it('explains what a value lacks to be a protocol', () => {
    expect(protocolProblem(null)).toBe('is null, not a protocol object');
    expect(protocolProblem({ ...paxos, local: undefined })).toBe('paxos has no local() function');
    expect(protocolProblem(paxos)).toBeNull();
  });
});
