import { readFileSync } from 'node:fs';
import { YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ImportError } from '../core/errors.js';
import type { Mapping } from '../core/mapping.js';
import { setMappingOrigin } from '../core/mapping-origin.js';
import { mappingSchema } from '../core/mapping-schema.js';
import { readYaml, type YamlLocate } from './yaml-locate.js';

/** Reads and validates a `--mapping` file; an invalid one gets a message naming the key and what is allowed. */
export function readMappingFile(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ImportError('MAPPING', `${path}: cannot read the mapping file`, {
      hint: 'check the --mapping path',
    });
  }
  let data: unknown;
  let locate: YamlLocate;
  try {
    const read = readYaml(text);
    data = read.data ?? {};
    locate = read.locate;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [line, column] = error.linePos?.[0]
        ? [error.linePos[0].line, error.linePos[0].col]
        : [undefined, undefined];
      throw new ImportError(
        'MAPPING',
        `${path}:${line ?? '?'}:${column ?? '?'}: not valid YAML: ${error.message.split('\n')[0]}`,
        {
          hint: 'fix the YAML syntax (indentation with spaces, quotes around values with ":")',
        },
      );
    }
    throw error;
  }
  const parsed = mappingSchema.safeParse(data);
  if (!parsed.success) {
    const place: Place = (keyPath, options) => {
      const found = locate(keyPath, options);
      return found ? `${path}:${found.line}:${found.column}` : path;
    };
    throw new ImportError(
      'MAPPING',
      `${path}: invalid mapping:\n${formatZodIssues(parsed.error.issues, place)}`,
      {
        hint: 'run `clarify-import init-mapping <exports>` to generate a valid mapping to start from',
      },
    );
  }
  setMappingOrigin(parsed.data, { file: path, locate });
  return parsed.data;
}

type Place = (path: readonly (string | number)[], options?: { key?: boolean }) => string;

/** One line per problem, each starting with the file, line and column of the key or value at fault. */
function formatZodIssues(issues: z.core.$ZodIssue[], place: Place): string {
  return issues
    .flatMap((issue) => {
      const path = issue.path.filter((step) => typeof step !== 'symbol') as (string | number)[];
      const key = keyName(path);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map(
          (unknown) =>
            `  - ${place([...path, unknown], { key: true })}: ${path.length > 0 ? `${key}: ` : ''}unknown key "${unknown}"`,
        );
      }
      if (issue.code === 'invalid_value') {
        return [
          `  - ${place(path)}: ${key}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        ];
      }
      return [`  - ${place(path)}: ${key}: ${issue.message}`];
    })
    .join('\n');
}

/** `options.date_order`, `files[0].match`, `columns.person."Job Title"`: the path as the user would write it. */
function keyName(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? step : JSON.stringify(step);
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}
