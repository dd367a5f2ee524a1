import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sandboxOptionsFromCli } from '../../src/sandbox/cli-options.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));

describe('sandboxOptionsFromCli', () => {
  test('converts every flag', () => {
    const schemaFile = join(dir, 'schema.json');
    writeFileSync(schemaFile, `\uFEFF${JSON.stringify(defaultSchemaBody())}`);
    expect(
      sandboxOptionsFromCli({
        port: '0',
        host: '::1',
        workspace: 'acme-co',
        apiKey: 'k1',
        db: '/tmp/x.db',
        schema: schemaFile,
        duplicates: 'upsert',
        rateLimit: '50',
        latency: '20',
        faultRate: '0.1',
        lostResponseRate: '0',
        seed: '42',
      }),
    ).toEqual({
      port: 0,
      host: '::1',
      workspace: 'acme-co',
      apiKey: 'k1',
      dbFile: '/tmp/x.db',
      schema: defaultSchemaBody(),
      duplicates: 'upsert',
      rateLimit: 50,
      latencyMs: 20,
      faultRate: 0.1,
      lostResponseRate: 0,
      seed: 42,
    });
    expect(sandboxOptionsFromCli({})).toEqual({});
  });

  test.each([
    [{ port: '70000' }, /--port.*0 to 65535/],
    [{ port: 'abc' }, /--port/],
    [{ port: '' }, /--port/],
    [{ duplicates: 'merge' }, /--duplicates: expected reject or upsert/],
    [{ rateLimit: '0' }, /--rate-limit/],
    [{ latency: '-5' }, /--latency/],
    [{ faultRate: '1.5' }, /--fault-rate: expected a number from 0 to 1/],
    [{ lostResponseRate: 'often' }, /--lost-response-rate/],
    [{ seed: '1.5' }, /--seed/],
    [{ workspace: 'a/b' }, /--workspace/],
    [{ apiKey: 'has space' }, /--api-key/],
    [{ schema: '/nonexistent/schema.json' }, /--schema: cannot read/],
  ])('%j → error naming the flag', (cli, message) => {
    expect(() => sandboxOptionsFromCli(cli)).toThrow(message);
  });

  test('--schema that is not JSON or not a schema body', () => {
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{nope');
    expect(() => sandboxOptionsFromCli({ schema: notJson })).toThrow(/--schema: .* not valid JSON/);
    const notSchema = join(dir, 'other.json');
    writeFileSync(notSchema, JSON.stringify({ data: [{ attributes: {} }] }));
    expect(() => sandboxOptionsFromCli({ schema: notSchema })).toThrow(
      /--schema: .* not a GET \/schemas body/,
    );
  });
});
