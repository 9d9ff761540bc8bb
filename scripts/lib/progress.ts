// A one-line progress bar on stderr (done / total, ETA), redrawn in place so it never mixes with the stdout report.

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function progressBar(total: number, label: string) {
  const started = Date.now();
  let last = '';
  // Redrawing in place only makes sense on a terminal; in a log file it would be thousands of lines.
  const tty = process.stderr.isTTY === true;
  const draw = (done: number, note = '') => {
    if (!tty) return;
    const width = 28;
    const filled = total ? Math.round((done / total) * width) : width;
    const elapsed = (Date.now() - started) / 1000;
    const eta = done ? (elapsed / done) * (total - done) : NaN;
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${clock(elapsed)} elapsed, ETA ${clock(eta)}  ${note}`;
    const cols = process.stderr.columns ?? 120;
    last = line.slice(0, cols - 1);
    process.stderr.write(`\r${last.padEnd(cols - 1)}`);
  };
  return {
    update: draw,
    /** Writes a message above the bar and redraws it. */
    log(message: string) {
      if (!tty) return void process.stderr.write(`${message}\n`);
      process.stderr.write(`\r${' '.repeat((process.stderr.columns ?? 120) - 1)}\r${message}\n${last}`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
