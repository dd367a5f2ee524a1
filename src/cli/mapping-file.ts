import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ImportError } from '../core/errors.js';
import { DEFAULT_MAPPING, type Mapping, mappingSchema } from '../core/mapping.js';

/** Loads and validates `--mapping`; an invalid file gets a message naming the key and what is allowed. */
export function loadMapping(path: string | undefined): Mapping {
  if (!path) return DEFAULT_MAPPING;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ImportError('MAPPING', `${path}: cannot read the mapping file`, {
      hint: 'check the --mapping path',
    });
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
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
    throw new ImportError('MAPPING', `${path}: invalid mapping:\n${formatZodIssues(parsed.error.issues)}`, {
      hint: 'run `clarify-import init-mapping <exports>` to generate a valid mapping to start from',
    });
  }
  return parsed.data;
}

function formatZodIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.join('.') || '(top level)';
      if (issue.code === 'unrecognized_keys') {
        return `  - ${key}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      }
      if (issue.code === 'invalid_value') {
        return `  - ${key}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return `  - ${key}: ${issue.message}`;
    })
    .join('\n');
}
