import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The real public Salesforce exports of shared/samples (see its SOURCES.md), read in place, never copied:
 * shared/ sits beside the checkout (CI clones next to a copy of it), else at the workplace's /work/shared.
 */
export const SHARED_SALESFORCE_SAMPLES = [
  resolve(import.meta.dirname, '../../shared/samples/salesforce'),
  '/work/shared/samples/salesforce',
].find((dir) => existsSync(dir)) as string;
