import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/errors.js';
import { activeHolder, describeHolder, HOLDER_FILE, StateLock } from '../../src/run/state-lock.js';

const dirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarify-lock-unit-'));
  dirs.push(dir);
  return join(dir, 'state');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('StateLock', () => {
  it('lets one command in at a time, names it to the next, and lets the next in once released', () => {
    const dir = stateDir();
    expect(activeHolder(dir)).toBeUndefined();
    const first = StateLock.acquire(dir, 'run');
    const holder = activeHolder(dir);
    expect(holder).toMatchObject({ command: 'run', pid: process.pid });

    let refused: unknown;
    try {
      StateLock.acquire(dir, 'plan');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ImportError);
    expect((refused as ImportError).code).toBe('STATE_BUSY');
    expect((refused as ImportError).exitCode).toBe(2);
    expect((refused as ImportError).message).toBe(`${dir} is in use by ${describeHolder(holder)}`);
    expect((refused as ImportError).hint).toMatch(/another --state/);

    first.release();
    expect(existsSync(join(dir, HOLDER_FILE))).toBe(false);
    expect(activeHolder(dir)).toBeUndefined();
    const second = StateLock.acquire(dir, 'plan');
    expect(activeHolder(dir)).toMatchObject({ command: 'plan' });
    second.release();
  });

  it('trusts the holder file only while the lock is held: a stale one from a killed process is ignored', () => {
    const dir = stateDir();
    StateLock.acquire(dir, 'run').release();
    writeFileSync(
      join(dir, HOLDER_FILE),
      JSON.stringify({ command: 'run', pid: 1, host: 'x', started: 'y' }),
    );
    expect(activeHolder(dir)).toBeUndefined();
    const lock = StateLock.acquire(dir, 'verify');
    expect(activeHolder(dir)).toMatchObject({ command: 'verify', pid: process.pid });
    lock.release();
  });

  it('guard lets the lock go when opening under it fails', () => {
    const dir = stateDir();
    const lock = StateLock.acquire(dir, 'run');
    expect(() =>
      lock.guard(() => {
        throw new Error('journal is broken');
      }),
    ).toThrow('journal is broken');
    expect(activeHolder(dir)).toBeUndefined();
    // lock.db stays: a command waiting on it must find the same file the next holder locks.
    expect(existsSync(join(dir, 'lock.db'))).toBe(true);
  });

  it('ensureFree says a held state is busy and creates nothing for a new one', () => {
    const fresh = stateDir();
    StateLock.ensureFree(fresh);
    expect(existsSync(fresh)).toBe(false);
    const dir = stateDir();
    const lock = StateLock.acquire(dir, 'verify');
    expect(() => StateLock.ensureFree(dir)).toThrow(/is in use by clarify-import verify \(process/);
    lock.release();
    StateLock.ensureFree(dir);
  });

  it('the note of a holder that is gone names no one', () => {
    const dir = stateDir();
    const lock = StateLock.acquire(dir, 'run');
    // As after a kill -9 and a new holder that has not written its own note yet.
    writeFileSync(
      join(dir, HOLDER_FILE),
      JSON.stringify({ command: 'run', pid: 2 ** 22 + 12345, host: hostname(), started: 'then' }),
    );
    const holder = activeHolder(dir);
    expect(holder).toBeDefined();
    expect(describeHolder(holder)).toBe('another clarify-import command');
    lock.release();
  });

  it('names a holder on another host with the host', () => {
    expect(
      describeHolder({
        command: 'run',
        pid: 42,
        host: 'other-host.invalid',
        started: '2026-01-01T00:00:00Z',
      }),
    ).toBe('clarify-import run (process 42 on other-host.invalid, since 2026-01-01T00:00:00Z)');
    expect(describeHolder(undefined)).toBe('another clarify-import command');
  });

  it('a state directory that cannot be created is a journal error with the path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clarify-lock-unit-')), 'a-file');
    dirs.push(join(file, '..'));
    writeFileSync(file, 'not a directory');
    expect(() => StateLock.acquire(join(file, 'state'), 'run')).toThrow(/cannot lock the state directory/);
  });
});
