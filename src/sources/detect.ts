import { ImportError } from '../core/errors.js';
import type { Issue } from '../core/issues.js';
import { DEFAULT_MAPPING, type Mapping } from '../core/mapping.js';
import type { ExportFile, FileRole, SourceAdapter, SourceName } from '../core/source-adapter.js';
import { SOURCE_NAMES } from '../core/source-adapter.js';
import { createGenericAdapter } from './generic/adapter.js';
import { createHubspotAdapter } from './hubspot/adapter.js';
import { createPipedriveAdapter } from './pipedrive/adapter.js';
import { createSalesforceAdapter } from './salesforce/adapter.js';
import { baseName } from './shared/headers.js';

const LABEL: Record<SourceName, string> = {
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  pipedrive: 'Pipedrive',
  generic: 'generic (mapping files:)',
};

/** An adapter for `name`, built with the user's mapping (column overrides, options, `files:`). */
export function createAdapter(name: SourceName, mapping: Mapping = DEFAULT_MAPPING): SourceAdapter {
  switch (name) {
    case 'hubspot':
      return createHubspotAdapter(mapping);
    case 'salesforce':
      return createSalesforceAdapter(mapping);
    case 'pipedrive':
      return createPipedriveAdapter(mapping);
    case 'generic':
      return createGenericAdapter(mapping);
  }
}

/** The vendor adapters built with the default mapping (the generic one needs a mapping with `files:`). */
export const ADAPTERS: SourceAdapter[] = SOURCE_NAMES.map((name) => createAdapter(name, DEFAULT_MAPPING));

const HINT =
  'Use --source hubspot|salesforce|pipedrive to say which CRM produced the files, or --mapping with a "files:" section (and --source generic) for another CRM.';

function list(files: ExportFile[]): string {
  return files.map((file) => baseName(file.path)).join(', ');
}

/**
 * Which CRM produced the files, judged by their headers: the adapter with the highest score wins.
 * `forced` (--source) or the mapping's `source` skip the guess; a mapping with `files:` means generic.
 * Throws ImportError('INPUT') when nothing is recognised, when two vendors tie, or when the files mix
 * vendors. `issues` holds notes about the detection itself; unknown files are reported by `read`.
 */
export function detectSource(
  files: ExportFile[],
  forced?: SourceName,
  mapping: Mapping = DEFAULT_MAPPING,
): { adapter: SourceAdapter; roles: FileRole[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const chosen = forced ?? mapping.source ?? (mapping.files.length > 0 ? 'generic' : undefined);
  if (chosen) {
    const adapter = createAdapter(chosen, mapping);
    const roles = adapter.roles(files);
    if (roles.length === 0) {
      if (chosen === 'generic' && mapping.files.length === 0) {
        // Not a mismatch: there is nothing to match against.
        throw new ImportError(
          'USAGE',
          '--source generic reads files through a mapping, and none was given.',
          {
            hint: `pass --mapping <file.yaml> whose "files:" section names each file's object, id column and columns (\`clarify-import init-mapping ${files.map((file) => file.path).join(' ')} --source generic\` drafts one), or use --source hubspot|salesforce|pipedrive.`,
          },
        );
      }
      throw new ImportError(
        'INPUT',
        chosen === 'generic'
          ? `None of the files (${list(files)}) matches an entry of "files:" in the mapping.`
          : `None of the files (${list(files)}) looks like a ${LABEL[chosen]} export.`,
        { hint: HINT },
      );
    }
    return { adapter, roles, issues };
  }

  const adapters = SOURCE_NAMES.filter((name) => name !== 'generic').map((name) =>
    createAdapter(name, mapping),
  );
  const scored = adapters
    .map((adapter) => ({ adapter, score: adapter.score(files) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score === 0) {
    throw new ImportError(
      'INPUT',
      `Could not tell which CRM produced ${list(files) || 'the input'}: no HubSpot, Salesforce or Pipedrive export headers were found.`,
      { hint: HINT },
    );
  }
  if (second && second.score === best.score) {
    throw new ImportError(
      'INPUT',
      `${list(files)} look as much like a ${LABEL[best.adapter.name]} export as like a ${LABEL[second.adapter.name]} one.`,
      { hint: HINT },
    );
  }
  // A file another vendor recognises and the winner does not: the input mixes exports.
  const foreign: string[] = [];
  for (const file of files) {
    if (best.adapter.score([file]) > 0) continue;
    const other = adapters.find((adapter) => adapter !== best.adapter && adapter.score([file]) > 0);
    if (other) foreign.push(`${baseName(file.path)} (${LABEL[other.name]})`);
  }
  if (foreign.length > 0) {
    throw new ImportError(
      'INPUT',
      `The files mix exports of different CRMs: most look like ${LABEL[best.adapter.name]}, but ${foreign.join(', ')} do not. Import each CRM's files in a separate run.`,
      { hint: HINT },
    );
  }
  return { adapter: best.adapter, roles: best.adapter.roles(files), issues };
}
