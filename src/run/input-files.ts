import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ImportError } from '../core/errors.js';

/** Extensions picked up from a directory; Excel files are included so the reader can say "export CSV". */
const EXPORT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xls']);

/** Expands the command line's `<path...>` (files or directories of exports) into a sorted list of files. */
export function expandInputPaths(paths: string[]): string[] {
  if (paths.length === 0) {
    throw new ImportError('USAGE', 'no export files given', {
      hint: 'pass the CSV files or a directory holding them',
    });
  }
  const files: string[] = [];
  for (const path of paths) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ELOOP'
          ? 'a loop of symbolic links'
          : code === 'EACCES'
            ? 'permission denied'
            : 'no such file or directory';
      throw new ImportError('INPUT', `${path}: ${why}`, { hint: 'check the path of the export' });
    }
    if (stats.isDirectory()) {
      const inDir = readdirSync(path)
        .filter((name) => EXPORT_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name));
      if (inDir.length === 0) {
        throw new ImportError('INPUT', `${path}: the directory holds no .csv export`, {
          hint: 'export companies, contacts and deals as CSV into it',
        });
      }
      files.push(...inDir);
    } else files.push(path);
  }
  return [...new Set(files)];
}

/** Identifies the exports of a run, so a resume with different files is refused instead of mixing two plans. */
export function fingerprintInputs(files: string[]): string {
  return JSON.stringify(
    files.map((file) => {
      const stats = statSync(file);
      return [resolve(file), stats.size, Math.floor(stats.mtimeMs)];
    }),
  );
}
