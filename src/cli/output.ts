import type { Issue } from '../core/issues.js';
import type { ProgressEvent } from '../run/executor.js';

/** A file-level issue as one stderr line: `file:line:column: message [CODE]`, so a person can go to the spot. */
export function fileIssueLine(issue: Issue): string {
  const where = [issue.file, issue.line, typeof issue.column === 'number' ? issue.column : undefined]
    .filter((part) => part !== undefined && part !== '')
    .join(':');
  return `${where ? `${where}: ` : ''}${issue.message} [${issue.code}]`;
}

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * Everything the CLI tells a person goes through here: stderr for progress and messages (stdout stays clean
 * for `--json`), a live bar per phase on a terminal, plain lines every few seconds elsewhere.
 */
export class Output {
  private readonly tty: boolean;
  private readonly color: boolean;
  private readonly phaseStarted = new Map<string, number>();
  private lastLine = 0;
  private liveLineOpen = false;

  constructor(private readonly options: OutputOptions) {
    this.tty = Boolean(process.stderr.isTTY);
    this.color = this.tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  }

  get quiet(): boolean {
    return Boolean(this.options.quiet || this.options.json);
  }

  info(message: string): void {
    if (this.quiet) return;
    this.endLiveLine();
    process.stderr.write(`${message}\n`);
  }

  verbose(message: string): void {
    if (this.options.verbose && !this.options.json) this.info(this.dim(message));
  }

  /** Warnings go to stderr even with --json (stdout stays the summary alone); only --quiet silences them. */
  warn(message: string): void {
    if (this.options.quiet) return;
    this.endLiveLine();
    process.stderr.write(`${this.paint('33', 'warning')}: ${message}\n`);
  }

  stage(message: string): void {
    this.info(this.dim(`… ${message}`));
  }

  progress(event: ProgressEvent): void {
    if (this.quiet) return;
    const now = Date.now();
    if (!this.phaseStarted.has(event.phase)) this.phaseStarted.set(event.phase, now);
    const elapsed = (now - (this.phaseStarted.get(event.phase) ?? now)) / 1000;
    const rate = elapsed > 0 ? event.done / elapsed : 0;
    const eta = rate > 0 ? Math.max(0, (event.total - event.done) / rate) : 0;
    const unit = event.phase === 'links' ? 'deals' : 'batches';
    const label = { company: 'companies', person: 'people', deal: 'deals', links: 'links' }[event.phase];
    const stats = `${event.done}/${event.total} ${unit}  ${rate.toFixed(1)}/s  ETA ${formatSeconds(eta)}`;
    if (this.tty) {
      const width = 24;
      const filled = event.total > 0 ? Math.round((event.done / event.total) * width) : width;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      process.stderr.write(`\r${label.padEnd(10)} ${this.paint('36', bar)} ${stats}\x1b[K`);
      this.liveLineOpen = true;
      if (event.done >= event.total) this.endLiveLine();
    } else if (now - this.lastLine >= 3000 || event.done >= event.total) {
      this.lastLine = now;
      process.stderr.write(`${label}: ${stats}\n`);
    }
  }

  result(text: string): void {
    this.endLiveLine();
    process.stdout.write(text);
  }

  paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  private dim(text: string): string {
    return this.paint('2', text);
  }

  private endLiveLine(): void {
    if (this.liveLineOpen) {
      process.stderr.write('\n');
      this.liveLineOpen = false;
    }
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
