/**
 * The zip side of the streaming .xlsx reader: yauzl reads the central directory, then inflates one
 * part at a time as a stream. Inflation is counted as it happens, whatever the zip's headers say:
 * a part that inflates beyond its declared size (yauzl's own check) or beyond the budget stops at
 * once, so a lying zip never costs more than the budget.
 */
import * as zlib from 'zlib';
import * as yauzl from 'yauzl';

/** Whole workbook: inflated bytes read from all parts together. */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
/** The shared strings part is held in memory: a tighter budget. */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
export const MAX_PARTS = 10000;

/** A refusal or damage found while reading: `zh`/`en` are clerk sentences; `detail` is for --verbose. */
export class XlsxError extends Error {
  constructor(
    readonly kind: 'bomb' | 'damaged' | 'too-large',
    readonly zh: string,
    readonly en: string,
    readonly detail = '',
  ) {
    super(en);
  }
}

export interface ZipReader {
  /** Part names as stored (normalised: forward slashes, no leading slash). */
  readonly names: readonly string[];
  /** The stored name matching `name` (case-insensitively), if any. */
  find(name: string): string | undefined;
  /** Streams a part's bytes to `onBytes`; rejects with an XlsxError on a budget or size lie. */
  read(name: string, onBytes: (chunk: Buffer) => void, limit?: number): Promise<void>;
  close(): void;
  /** Bytes inflated so far, all parts. */
  readonly inflated: number;
}

function openZipFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('zip'));
      else resolve(zip);
    });
  });
}

export async function openZip(file: string, totalBudget = MAX_INFLATED_BYTES): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZipFile(file);
  } catch (e) {
    throw new XlsxError('damaged', '文件已损坏（压缩包结构不完整，可能未下载完整）', 'the file is damaged (broken zip structure)', String((e as Error)?.message ?? e));
  }
  const entries = new Map<string, yauzl.Entry>();
  const lower = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/\\/g, '/').replace(/^\/+/, '');
      if (!name.endsWith('/')) {
        entries.set(name, entry);
        lower.set(name.toLowerCase(), name);
      }
      if (entries.size > MAX_PARTS) {
        reject(new XlsxError('bomb', `文件内部部件超过 ${MAX_PARTS} 个，拒绝读取`, `more than ${MAX_PARTS} parts; refused`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (e: Error) => reject(new XlsxError('damaged', '文件已损坏（压缩包目录无法读取）', 'the file is damaged (unreadable zip directory)', e.message)));
    zip.readEntry();
  }).catch((e) => {
    zip.close();
    throw e;
  });
  let inflated = 0;
  const reader: ZipReader = {
    names: [...entries.keys()],
    find: (name) => (entries.has(name) ? name : lower.get(name.toLowerCase())),
    get inflated() {
      return inflated;
    },
    close: () => zip.close(),
    read(name, onBytes, limit = totalBudget) {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new XlsxError('damaged', `文件已损坏（缺少部件 ${name}）`, `the file is damaged (part ${name} is missing)`));
      return new Promise<void>((resolve, reject) => {
        // Inflated here rather than by yauzl: larger chunks (fewer parser calls), and the size check
        // is ours — stop the moment a part inflates beyond what it declares or beyond the budget.
        const raw = entry.compressionMethod === 8;
        if (!raw && entry.compressionMethod !== 0) {
          reject(new XlsxError('damaged', `文件已损坏（部件 ${name} 的压缩方式无法识别）`, `the file is damaged (part ${name} uses an unknown compression)`, `method ${entry.compressionMethod}`));
          return;
        }
        if (entry.generalPurposeBitFlag & 1) {
          reject(new XlsxError('damaged', `文件的部件 ${name} 被加密，无法读取`, `part ${name} is encrypted`));
          return;
        }
        zip.openReadStream(entry, { decodeFileData: false }, (err, rawStream) => {
          const stream = rawStream && raw ? rawStream.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 })) : rawStream;
          rawStream?.on('error', (e: Error) => stream?.emit('error', e));
          if (err || !stream) {
            reject(new XlsxError('damaged', `文件已损坏（部件 ${name} 无法解压）`, `the file is damaged (part ${name} cannot be inflated)`, String(err?.message ?? '')));
            return;
          }
          let part = 0;
          let settled = false;
          // Parsing runs while zlib inflates the next chunk on the thread pool: each chunk is
          // counted as it arrives, queued, and handed to the parser on the next turn of the event
          // loop; inflation pauses while 4 chunks (1 MB) wait.
          const queue: Buffer[] = [];
          let scheduled = false;
          let ended = false;
          const fail = (e: XlsxError): void => {
            if (settled) return;
            settled = true;
            queue.length = 0;
            stream.destroy();
            reject(e);
          };
          const drain = (): void => {
            scheduled = false;
            while (queue.length > 0 && !settled) {
              const chunk = queue.shift() as Buffer;
              try {
                onBytes(chunk);
              } catch (e) {
                fail(e instanceof XlsxError ? e : new XlsxError('damaged', `文件已损坏（部件 ${name} 内容错误）`, `the file is damaged (part ${name})`, String((e as Error)?.message ?? e)));
              }
            }
            if (settled) return;
            if (ended) {
              if (part < entry.uncompressedSize) {
                fail(new XlsxError('damaged', `文件已损坏（部件 ${name} 不完整，可能未下载完整）`, `the file is damaged (part ${name} is short)`, `${name}: declared ${entry.uncompressedSize}, got ${part}`));
                return;
              }
              settled = true;
              resolve();
            } else if (stream.isPaused()) stream.resume();
          };
          const schedule = (): void => {
            if (!scheduled) {
              scheduled = true;
              setImmediate(drain);
            }
          };
          stream.on('data', (chunk: Buffer) => {
            if (settled) return;
            part += chunk.length;
            inflated += chunk.length;
            if (part > entry.uncompressedSize) {
              fail(new XlsxError('bomb', `文件实际解压大小与其声明不符（声明 ${entry.uncompressedSize} 字节，实际更多；压缩炸弹或已损坏）`, `the file inflates beyond the size it declares (zip bomb or damage)`, `${name}: too many bytes in the stream: declared ${entry.uncompressedSize}, got at least ${part}`));
              return;
            }
            if (part > limit || inflated > totalBudget) {
              const mb = Math.round(Math.min(limit, totalBudget) / 1024 / 1024);
              fail(new XlsxError('bomb', `文件解压后超过 ${mb} MB 的上限（压缩炸弹？）`, `the file inflates beyond the ${mb} MB limit (zip bomb?)`, `${name}: ${part} bytes inflated`));
              return;
            }
            queue.push(chunk);
            if (queue.length >= 4) stream.pause();
            schedule();
          });
          stream.on('error', (e: Error) => {
            const msg = e?.message ?? String(e);
            if (/too many bytes/i.test(msg))
              fail(new XlsxError('bomb', `文件实际解压大小与其声明不符（声明 ${entry.uncompressedSize} 字节，实际更多；压缩炸弹或已损坏）`, `the file inflates beyond the size it declares (zip bomb or damage)`, `${name}: ${msg}`));
            else fail(new XlsxError('damaged', `文件已损坏（部件 ${name} 解压出错，可能未下载完整）`, `the file is damaged (part ${name} fails to inflate)`, `${name}: ${msg}`));
          });
          stream.on('end', () => {
            ended = true;
            schedule();
          });
        });
      });
    },
  };
  return reader;
}
