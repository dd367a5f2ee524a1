import { ApiError } from './errors.js';
import type { SeedRecords } from './options.js';
import type { Workspace } from './write/workspace.js';

/** Inserts `seedRecords` through the normal create path (companies first, so people can point at them). */
export function insertSeedRecords(ws: Workspace, seed: SeedRecords): void {
  for (const object of ['company', 'person', 'deal'] as const) {
    const list = seed[object] ?? [];
    list.forEach((attributes, i) => {
      try {
        ws.create(object, [{ attributes, pointer: `/seedRecords/${object}/${i}` }], undefined);
      } catch (error) {
        if (error instanceof ApiError) {
          throw new Error(`sandbox option seedRecords.${object}[${i}]: ${error.message}`);
        }
        throw error;
      }
    });
  }
}
