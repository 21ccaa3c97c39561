/** A progress bar on a TTY (stderr), nothing otherwise or with --quiet. */
import * as cliProgress from 'cli-progress';

export interface ProgressSink {
  start(total: number, label: string): void;
  update(done: number, label?: string): void;
  stop(): void;
}

class Bar implements ProgressSink {
  private bar: cliProgress.SingleBar | null = null;
  start(total: number, label: string): void {
    this.stop();
    this.bar = new cliProgress.SingleBar(
      { format: ' {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true, stream: process.stderr, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(Math.max(1, total), 0, { label });
  }
  update(done: number, label?: string): void {
    this.bar?.update(done, label !== undefined ? { label } : undefined);
  }
  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }
}

const silent: ProgressSink = { start() {}, update() {}, stop() {} };

export function makeProgress(enabled: boolean): ProgressSink {
  return enabled ? new Bar() : silent;
}
