// A minimal animated PNG writer for test pictures (frames as RGBA pixels): nothing large is committed, nothing is downloaded.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const u32 = (...values: number[]) => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b;
};

/** Scanlines with filter type 0, deflated: a frame's image data. */
function compress(rgba: Uint8Array, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return deflateSync(raw);
}

/** An APNG looping for ever over `frames` (each `width` x `height` RGBA), each shown `delayMs`. */
export function writeApng(frames: Uint8Array[], width: number, height: number, delayMs: number): Buffer {
  let seq = 0;
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(width, height), Buffer.from([8, 6, 0, 0, 0])])),
    chunk('acTL', u32(frames.length, 0)),
  ];
  frames.forEach((rgba, i) => {
    const control = Buffer.concat([u32(seq++, width, height, 0, 0), Buffer.from([delayMs >> 8, delayMs & 255, 0x03, 0xe8, 0, 0])]);
    parts.push(chunk('fcTL', control));
    const data = compress(rgba, width, height);
    parts.push(i === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([u32(seq++), data])));
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
