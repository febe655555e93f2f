/**
 * One progress line on stderr, redrawn in place on a terminal; elsewhere (CI logs) one line per
 * phase, so the output stays readable.
 */
export class Progress {
  private phase = '';
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly total: number) {}

  /** `done` phases of `total` are finished; `fraction` of the current one. */
  update(done: number, label: string, fraction = 0): void {
    const overall = Math.min(1, (done + fraction) / this.total);
    if (!this.tty) {
      if (label !== this.phase) process.stderr.write(`[${String(Math.round(overall * 100)).padStart(3)}%] ${label}\n`);
      this.phase = label;
      return;
    }
    const width = 30;
    const filled = Math.round(overall * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(overall * 100)).padStart(3)}% ${label.padEnd(50).slice(0, 50)}`);
  }

  done(): void {
    if (this.tty) process.stderr.write(`\r${' '.repeat(90)}\r`);
  }
}
