import { describe, expect, it } from 'vitest';
import { parseWorkspaceSchema } from '../../src/clarify/index.js';
import { draftGenericFiles } from '../../src/mapping-init/index.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';

const SCHEMA = parseWorkspaceSchema(defaultSchemaBody());

describe('draftGenericFiles', () => {
  it("names a deal after its own name column, not its company's (Account Name in a deals file)", () => {
    const [deal] = draftGenericFiles(
      [
        {
          path: '/x/opportunities.csv',
          headers: ['Opportunity ID', 'Account ID', 'Account Name', 'Opportunity Name'],
        },
      ],
      SCHEMA,
    );
    expect(deal).toMatchObject({
      object: 'deal',
      id: 'Opportunity ID',
      company: 'Account ID',
      company_by: 'id',
    });
    expect(deal!.columns.name).toBe('Opportunity Name');
  });

  it('tells the object by telling columns when the file name does not, and skips a file nothing identifies', () => {
    const drafts = draftGenericFiles(
      [
        { path: '/x/export-1.csv', headers: ['Full name', 'E-mail', 'Company'] },
        { path: '/x/export-2.csv', headers: ['Name', 'Website'] },
        { path: '/x/export-3.csv', headers: ['Col A', 'Col B'] },
      ],
      SCHEMA,
    );
    expect(drafts.map((draft) => [draft.match, draft.object])).toEqual([
      ['export-1.csv', 'person'],
      ['export-2.csv', 'company'],
    ]);
    expect(drafts[0]).toMatchObject({
      company: 'Company',
      company_by: 'name',
      columns: { name: 'Full name' },
    });
    expect(drafts[1]!.columns).toEqual({ name: 'Name', domains: 'Website' });
  });
});
