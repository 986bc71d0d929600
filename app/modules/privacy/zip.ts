import { once } from "node:events";
import { crc32, createDeflateRaw } from "node:zlib";

/** Where a streamed archive's bytes go, in order (a file, a socket): awaited, so slow sinks hold the producer back. */
export type ZipSink = (chunk: Buffer) => Promise<void>;

/**
 * A ZIP archive written entry by entry as the data arrives: each entry is deflated chunk by chunk
 * and its sizes and CRC follow it in a data descriptor, so nothing but the current chunk and the
 * central directory is held in memory.
 */
export class ZipStream {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  private readonly time: number;
  private readonly day: number;

  constructor(
    private readonly sink: ZipSink,
    now = new Date(),
  ) {
    this.time = ((now.getUTCHours() << 11) | (now.getUTCMinutes() << 5) | Math.floor(now.getUTCSeconds() / 2)) & 0xffff;
    this.day = (((now.getUTCFullYear() - 1980) << 9) | ((now.getUTCMonth() + 1) << 5) | now.getUTCDate()) & 0xffff;
  }

  private async write(chunk: Buffer) {
    this.offset += chunk.length;
    await this.sink(chunk);
  }

  /** Adds one entry from its chunks (strings are UTF-8). */
  async entry(entryName: string, source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<void> {
    const name = Buffer.from(entryName, "utf8");
    const start = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // UTF-8 names, sizes in the data descriptor
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(this.time, 10);
    local.writeUInt16LE(this.day, 12);
    local.writeUInt16LE(name.length, 26);
    await this.write(Buffer.concat([local, name]));

    const deflate = createDeflateRaw();
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const drained = (async () => {
      for await (const out of deflate as AsyncIterable<Buffer>) {
        compressed += out.length;
        await this.write(out);
      }
    })();
    for await (const piece of source) {
      const chunk = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
      if (chunk.length === 0) continue;
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, "drain");
    }
    deflate.end();
    await drained;
    if (size > 0xfffffffe || this.offset > 0xfffffffe) throw new Error("a data export over 4 GB needs ZIP64");

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0808, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(this.time, 12);
    header.writeUInt16LE(this.day, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(compressed, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(start, 42);
    this.central.push(header, name);
    this.count++;
  }

  /** Writes the central directory and the end record; returns the archive's size in bytes. */
  async finish(): Promise<number> {
    const directory = Buffer.concat(this.central);
    const directoryStart = this.offset;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryStart, 16);
    await this.write(Buffer.concat([directory, end]));
    return this.offset;
  }
}
