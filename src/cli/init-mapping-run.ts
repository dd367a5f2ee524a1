import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseWorkspaceSchema } from '../clarify/index.js';
import { EXIT, ImportError } from '../core/errors.js';
import { mappingSchema } from '../core/mapping-schema.js';
import type { WorkspaceSchema } from '../core/schema.js';
import type { ExportFile } from '../core/source-adapter.js';
import { collectSelectValues, draftGenericFiles, renderMapping } from '../mapping-init/index.js';
import { inspectCsv, readCsvRows } from '../read/index.js';
import { checkMappingAgainstSchema } from '../run/check-mapping.js';
import { expandInputPaths } from '../run/input-files.js';
import { createAdapter, describeColumns, detectSource, valueMapsFor } from '../sources/index.js';
import { type CommonOptions, DEFAULT_STATE_DIR, parseSource, resolveTarget } from './common-options.js';
import { connect } from './connect.js';
import type { InitMappingOptions } from './init-mapping-command.js';
import { loadMapping } from './mapping-file.js';

function readSchemaFile(file: string): WorkspaceSchema {
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(
      'CONFIG',
      `--schema-file: cannot read ${file} as JSON: ${(error as Error).message}`,
      {
        hint: 'save a GET /schemas body, e.g. with `clarify-import sandbox --schema-from <url> --save-schema <file>`',
      },
    );
  }
  try {
    return parseWorkspaceSchema(body);
  } catch (error) {
    throw new ImportError(
      'CONFIG',
      `--schema-file: ${file} is not a GET /schemas body (${(error as Error).message})`,
    );
  }
}

async function loadSchema(options: InitMappingOptions): Promise<{ schema: WorkspaceSchema; from: string }> {
  if (options.schemaFile) return { schema: readSchemaFile(options.schemaFile), from: options.schemaFile };
  if (options.offline) {
    throw new ImportError('USAGE', '--offline needs --schema-file <file> (a GET /schemas JSON body)');
  }
  const common: CommonOptions = { ...options, state: DEFAULT_STATE_DIR, batchSize: '25' };
  const { apiUrl, workspace } = resolveTarget(common);
  const connection = await connect(common);
  return { schema: await connection.snapshot.getSchema(), from: `${apiUrl} workspace ${workspace}` };
}

export async function initMappingCommand(paths: string[], options: InitMappingOptions): Promise<number> {
  const out = options.out;
  if (existsSync(out) && !options.force) {
    throw new ImportError('USAGE', `${out} already exists; not overwritten`, {
      hint: 'pass --force to overwrite it, or --out <file> to write elsewhere',
    });
  }
  let base = await loadMapping(options.mapping);
  const forced = parseSource(options.source);
  const files: ExportFile[] = [];
  for (const path of expandInputPaths(paths)) {
    const info = await inspectCsv(path, { onIssue: () => {} });
    if (info.headers.length > 0) files.push({ path, headers: info.headers });
  }
  let loaded: { schema: WorkspaceSchema; from: string } | undefined;
  if ((forced ?? base.source) === 'generic' && base.files.length === 0) {
    // Another CRM's CSVs and no files: section yet: draft one from the file names and headers (against the
    // schema, so each column gets its closest attribute).
    loaded = await loadSchema(options);
    const drafted = draftGenericFiles(files, loaded.schema);
    if (drafted.length === 0) {
      throw new ImportError(
        'INPUT',
        `could not tell what any of the files holds (${files.map((file) => file.path).join(', ')}): no name or column says companies, people or deals`,
        { hint: 'write the files: section of the mapping by hand (README, "The mapping file")' },
      );
    }
    base = { ...base, source: 'generic', files: drafted };
  }
  const detected = detectSource(files, forced ?? base.source, base);
  const { schema, from } = loaded ?? (await loadSchema(options));
  checkMappingAgainstSchema(base, schema);

  const source = detected.adapter.name;
  const adapter = createAdapter(source, base);
  const valueMaps = valueMapsFor(source, base.values, schema);
  const readRows = (path: string) => readCsvRows(path, { onIssue: () => {} });
  const selects = await collectSelectValues(adapter, files, readRows, schema, valueMaps);
  const described = describeColumns(source, files, base);
  const text = renderMapping({ source, schemaFrom: from, described, schema, selects, base });

  // The file must load as it is: a failure here is our bug, not the user's.
  const check = mappingSchema.safeParse(parseYaml(text));
  if (!check.success) throw new Error(`init-mapping produced an invalid mapping: ${check.error.message}`);

  try {
    writeFileSync(out, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    throw new ImportError('CONFIG', `${out}: cannot write the mapping: ${(error as Error).message}`);
  }
  if (!options.quiet) {
    const mapped = described.reduce((n, file) => n + file.mapped.length, 0);
    const unknown = described.reduce((n, file) => n + file.notImported.length, 0);
    const values = selects.reduce((n, field) => n + field.proposals.length, 0);
    const unmatched = selects.reduce(
      (n, field) => n + field.proposals.filter((proposal) => proposal.option === undefined).length,
      0,
    );
    process.stdout.write(
      `Wrote ${out} (${source}, ${described.length} file(s)): ${mapped} column(s) mapped, ${unknown} not imported, ` +
        `${values} select value(s), ${unmatched} without an option.\n` +
        `Review it, then: clarify-import plan ${paths.join(' ')} --mapping ${out}\n`,
    );
  }
  return EXIT.ok;
}
