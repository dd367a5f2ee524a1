/** The base name of a path, for messages and file-name globs (either separator: exports may come from Windows). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
