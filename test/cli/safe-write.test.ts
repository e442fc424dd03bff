/** The one writer every output goes through: confined, atomic, one clear error. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EscapeError, pathInside, writeFileAtomic, WriteError, writeInside } from '../../src/cli/safe-write.js';
import { classify, EXIT, terminalSafe } from '../../src/cli/errors.js';
import { uniqueNames } from '../../src/cli/spec-names.js';

const tmp = mkdtempSync(join(tmpdir(), 'synod-safe-write-'));

afterEach(() => {
  delete process.env.SYNOD_TEST_WRITE_FAULT;
  delete process.env.SYNOD_TEST_WRITE_FAULT_MATCH;
});

describe('writeInside', () => {
  it('writes names with subfolders inside the folder', () => {
    const out = join(tmp, 'a');
    expect(writeInside(out, 'paxos/amnesia.dot', 'x')).toBe(join(out, 'paxos', 'amnesia.dot'));
    expect(readFileSync(join(out, 'paxos', 'amnesia.dot'), 'utf8')).toBe('x');
  });

  it('refuses names that would leave the folder, with either slash, absolute, or with control characters', () => {
    const out = join(tmp, 'b');
    for (const name of ['../x', '..\\..\\ESCAPED.svg', 'a/../../x', '/etc/x', 'a//b', 'a\nb']) {
      expect(() => pathInside(out, name), name).toThrow(EscapeError);
    }
    expect(readdirSync(tmp)).not.toContain('ESCAPED.svg');
  });

  it('refuses to write through a symbolic link that leads out of the folder', () => {
    const out = join(tmp, 'c');
    mkdirSync(out);
    mkdirSync(join(tmp, 'elsewhere'));
    symlinkSync(join(tmp, 'elsewhere'), join(out, 'paxos'));
    expect(() => writeInside(out, 'paxos/x.svg', 'x')).toThrow(EscapeError);
    expect(readdirSync(join(tmp, 'elsewhere'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('leaves the old file whole and no temporary behind when the write fails half-way (injected ENOSPC)', () => {
    const dir = join(tmp, 'd');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.json'), 'old');
    process.env.SYNOD_TEST_WRITE_FAULT = 'ENOSPC';
    let error: unknown;
    try {
      writeFileAtomic(join(dir, 'x.json'), 'new text, long enough to be cut');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).message).toBe(`cannot write ${join(dir, 'x.json')}: no space left on the device (ENOSPC)`);
    expect(classify(error).code).toBe(EXIT.environment);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('names a path that is a folder, or runs through a file', () => {
    const dir = join(tmp, 'e');
    mkdirSync(join(dir, 'folder'), { recursive: true });
    writeFileSync(join(dir, 'file'), '');
    expect(() => writeFileAtomic(join(dir, 'folder'), 'x')).toThrow(/the path is a folder \(EISDIR\)|EISDIR/);
    expect(() => writeFileAtomic(join(dir, 'file', 'x.xml'), 'x')).toThrow(/ENOTDIR|EEXIST/);
  });
});

describe('terminalSafe and classify', () => {
  it('shows control characters instead of obeying them and cuts long lines', () => {
    expect(terminalSafe('a\x1b]0;pwned\x07b\nc\x9bd')).toBe('a\\u001b]0;pwned\\u0007b\\u000ac\\u009bd');
    const long = terminalSafe('x'.repeat(10_000_000), 400);
    expect(long.length).toBeLessThan(500);
    expect(long.endsWith('… (9999600 more characters)')).toBe(true);
  });

  it('gives environment failures their own code, never 1', () => {
    expect(classify(new RangeError('Array buffer allocation failed')).code).toBe(EXIT.environment);
    expect(classify(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })).code).toBe(EXIT.environment);
    expect(classify(new TypeError('x is undefined')).code).toBe(EXIT.internal);
    expect(new Set(Object.values(EXIT)).size).toBe(Object.values(EXIT).length);
  });
});

describe('uniqueNames', () => {
  it('keeps unique names and resolves a clash by the shortest distinguishing tail, the same every time', () => {
    const files = [join(tmp, 'one', 'amnesia.json'), join(tmp, 'two', 'amnesia.json'), join(tmp, 'spec', 'paxos', 'x.json')];
    expect(uniqueNames(files)).toEqual(['one/amnesia', 'two/amnesia', 'paxos/x']);
    expect(uniqueNames(files)).toEqual(uniqueNames(files));
  });
});
