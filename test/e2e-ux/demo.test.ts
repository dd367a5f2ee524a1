import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const state = mkdtempSync(join(tmpdir(), 'clarify-demo-test-'));

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe('clarify-import demo (the README first command)', () => {
  it('imports the bundled HubSpot exports into a pre-populated sandbox, prints the summary and report path, exits 0', () => {
    const result = spawnSync(process.execPath, [CLI, 'demo', '--state', state], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CLARIFY_API_KEY: '' },
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Import (hubspot):');
    expect(result.stderr).toContain(`${join(state, 'report', 'report.html')}`);
    const summary = JSON.parse(readFileSync(join(state, 'report', 'summary.json'), 'utf8'));
    // The bundled set: 40 companies, 120 contacts, 60 deals (samples/hubspot/README.md).
    expect(summary.objects.company.rows).toBe(40);
    expect(summary.objects.person.rows).toBe(120);
    expect(summary.objects.deal.rows).toBe(60);
    for (const object of ['company', 'person', 'deal'] as const) {
      const c = summary.objects[object];
      expect(c.created + c.updated + c.unchanged + c.skipped + c.failed).toBe(c.rows);
      expect(c.failed).toBe(0);
    }
    // The workspace already held records that appear in the exports: they were updated, not duplicated.
    expect(summary.objects.company.updated).toBeGreaterThan(0);
    expect(summary.objects.person.updated).toBeGreaterThan(0);
    expect(summary.links.deal_people.linked).toBeGreaterThan(0);
    expect(existsSync(join(state, 'report', 'report.html'))).toBe(true);
  });

  it('with --json prints only the summary on stdout', () => {
    const jsonState = mkdtempSync(join(tmpdir(), 'clarify-demo-json-'));
    try {
      const result = spawnSync(process.execPath, [CLI, 'demo', '--json', '--state', jsonState], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout);
      expect(parsed.source).toBe('hubspot');
      expect(parsed.objects.person.rows).toBe(120);
    } finally {
      rmSync(jsonState, { recursive: true, force: true });
    }
  });
});
