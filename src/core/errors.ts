/**
 * The one error class for failures that stop a command (a row's problem is an Issue, not an exception).
 * `exitCode` follows design.md §2.
 */
export const EXIT = {
  ok: 0,
  someRowsFailed: 1,
  usage: 2,
  aborted: 3,
  interrupted: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'INPUT'
  | 'MAPPING'
  | 'AUTH'
  | 'NETWORK'
  | 'API'
  | 'JOURNAL'
  | 'STATE_BUSY'
  | 'INTERRUPTED'
  | 'INSECURE_URL';

const EXIT_BY_CODE: Record<ErrorCode, ExitCode> = {
  USAGE: EXIT.usage,
  CONFIG: EXIT.usage,
  INPUT: EXIT.usage,
  MAPPING: EXIT.usage,
  INSECURE_URL: EXIT.usage,
  AUTH: EXIT.aborted,
  NETWORK: EXIT.aborted,
  API: EXIT.aborted,
  JOURNAL: EXIT.aborted,
  // Another command has the state directory: this one wrote nothing.
  STATE_BUSY: EXIT.usage,
  INTERRUPTED: EXIT.interrupted,
};

export class ImportError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** What the user should do about it. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ImportError';
    this.code = code;
    this.exitCode = EXIT_BY_CODE[code];
    this.hint = options.hint;
  }
}
