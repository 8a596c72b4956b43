// Byte layouts of the zip records casepack writes (PKWARE APPNOTE 6.3.x, sections 4.3 and 4.5).
// Pure functions from numbers to Buffers; the writer decides what goes where.

export const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  zip64Eocd: 0x06064b50,
  zip64Locator: 0x07064b50,
  eocd: 0x06054b50,
} as const;

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;

/** General purpose bit 11: the name is UTF-8 (set only for non-ASCII names, as Info-ZIP does). */
export const FLAG_UTF8 = 0x0800;

/** Values at or above this do not fit a 32-bit field and go into the zip64 extra field. */
export const MAX32 = 0xffffffff;
export const MAX16 = 0xffff;

const VERSION_DEFAULT = 20; // deflate, folders
const VERSION_ZIP64 = 45;
/** "Version made by": upper byte 3 = Unix (so external attributes carry a mode), lower = spec 6.3. */
const MADE_BY = (3 << 8) | 63;
/** Regular file, rw-r--r--, in the Unix half of the external attributes. */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0;

/** Length of the local header's reserved extra block (a zip64 field or padding of the same size). */
export const LOCAL_RESERVE_LEN = 20;

export function versionNeeded(zip64: boolean): number {
  return zip64 ? VERSION_ZIP64 : VERSION_DEFAULT;
}

/** MS-DOS date and time in local time (what unzip and Explorer show), clamped to 1980..2107. */
export function dosDateTime(d: Date): { time: number; date: number } {
  let y = d.getFullYear();
  let mo = d.getMonth() + 1;
  let day = d.getDate();
  let h = d.getHours();
  let mi = d.getMinutes();
  let s = d.getSeconds();
  if (Number.isNaN(y) || y < 1980) [y, mo, day, h, mi, s] = [1980, 1, 1, 0, 0, 0];
  else if (y > 2107) [y, mo, day, h, mi, s] = [2107, 12, 31, 23, 59, 58];
  return {
    time: (h << 11) | (mi << 5) | (s >> 1),
    date: ((y - 1980) << 9) | (mo << 5) | day,
  };
}

/** Info-ZIP extended timestamp (0x5455): the exact UTC mtime, which DOS time cannot hold. */
export function extendedTimestamp(d: Date): Buffer {
  const secs = Math.floor(d.getTime() / 1000);
  if (!Number.isFinite(secs) || secs < -0x80000000 || secs > 0x7fffffff) return Buffer.alloc(0);
  const b = Buffer.alloc(9);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4); // mtime present
  b.writeInt32LE(secs, 5);
  return b;
}

/**
 * The reserved block of a streamed entry's local header, filled in once the sizes are known: a zip64
 * field with both sizes when the entry passed 4 GiB, else Microsoft's "growth hint" padding field
 * (0xA220, signature 0xA028), which every reader skips.
 */
export function localReserve(zip64: boolean, size: number, compressedSize: number): Buffer {
  const b = Buffer.alloc(LOCAL_RESERVE_LEN);
  if (zip64) {
    b.writeUInt16LE(0x0001, 0);
    b.writeUInt16LE(16, 2);
    b.writeBigUInt64LE(BigInt(size), 4);
    b.writeBigUInt64LE(BigInt(compressedSize), 12);
  } else {
    b.writeUInt16LE(0xa220, 0);
    b.writeUInt16LE(16, 2);
    b.writeUInt16LE(0xa028, 4); // signature; the pad value and padding stay zero
  }
  return b;
}

/** What the local header and the central directory record of an entry both say. */
export interface EntryFields {
  name: Buffer;
  flags: number;
  method: number;
  dos: { time: number; date: number };
  crc32: number;
  size: number;
  compressedSize: number;
}

export interface LocalHeader extends EntryFields {
  zip64: boolean;
  /** Extra fields after the name (timestamp, reserved block). */
  extra: Buffer;
}

export const LOCAL_FIXED_LEN = 30;

export function localHeader(h: LocalHeader): Buffer {
  const b = Buffer.alloc(LOCAL_FIXED_LEN);
  b.writeUInt32LE(SIG.local, 0);
  writeLocalVariable(b, 0, h);
  b.writeUInt16LE(h.name.length, 26);
  b.writeUInt16LE(h.extra.length, 28);
  return Buffer.concat([b, h.name, h.extra]);
}

/**
 * The fields of a local header that change once an entry is written (version, flags, method, time,
 * CRC, sizes), as the 22 bytes from offset 4: the writer patches them in place.
 */
export function localPatch(h: Omit<LocalHeader, 'name' | 'extra'>): Buffer {
  const b = Buffer.alloc(22);
  writeLocalVariable(b, -4, h);
  return b;
}

function writeLocalVariable(b: Buffer, base: number, h: Omit<LocalHeader, 'name' | 'extra'>): void {
  b.writeUInt16LE(versionNeeded(h.zip64), base + 4);
  b.writeUInt16LE(h.flags, base + 6);
  b.writeUInt16LE(h.method, base + 8);
  b.writeUInt16LE(h.dos.time, base + 10);
  b.writeUInt16LE(h.dos.date, base + 12);
  b.writeUInt32LE(h.crc32 >>> 0, base + 14);
  b.writeUInt32LE(h.zip64 ? MAX32 : h.compressedSize, base + 18);
  b.writeUInt32LE(h.zip64 ? MAX32 : h.size, base + 22);
}

export interface CentralEntry extends EntryFields {
  offset: number;
  /** Extra fields other than zip64 (the timestamp). */
  extra: Buffer;
}

/**
 * A central directory record. The zip64 extra field holds exactly the values whose 32-bit field is
 * 0xFFFFFFFF, in the APPNOTE's order (size, compressed size, offset): readers such as Windows
 * Explorer reject a zip64 field that carries more than that.
 */
export function centralRecord(e: CentralEntry, zip64At = MAX32): Buffer {
  const big: bigint[] = [];
  const field = (v: number) => (v >= zip64At ? (big.push(BigInt(v)), MAX32) : v);
  const usize = field(e.size);
  const csize = field(e.compressedSize);
  const offset = field(e.offset);
  let zip64 = Buffer.alloc(0);
  if (big.length > 0) {
    zip64 = Buffer.alloc(4 + 8 * big.length);
    zip64.writeUInt16LE(0x0001, 0);
    zip64.writeUInt16LE(8 * big.length, 2);
    big.forEach((v, i) => zip64.writeBigUInt64LE(v, 4 + 8 * i));
  }
  const extra = Buffer.concat([zip64, e.extra]);
  const b = Buffer.alloc(46);
  b.writeUInt32LE(SIG.central, 0);
  b.writeUInt16LE(MADE_BY, 4);
  b.writeUInt16LE(versionNeeded(big.length > 0), 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt16LE(e.dos.time, 12);
  b.writeUInt16LE(e.dos.date, 14);
  b.writeUInt32LE(e.crc32 >>> 0, 16);
  b.writeUInt32LE(csize, 20);
  b.writeUInt32LE(usize, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt16LE(0, 32); // comment length
  b.writeUInt16LE(0, 34); // disk number start
  b.writeUInt16LE(0, 36); // internal attributes
  b.writeUInt32LE(EXTERNAL_ATTRS, 38);
  b.writeUInt32LE(offset, 42);
  return Buffer.concat([b, e.name, extra]);
}

/**
 * The end records: the zip64 end of central directory record and locator when the entry count,
 * the directory's size or its offset do not fit the classic record, then the classic record
 * (with 0xFFFF/0xFFFFFFFF in exactly the fields that overflowed). `zip64At` below 4 GiB forces
 * zip64 records for smaller values (tests use it to check readers without writing 4 GiB).
 */
export function endRecords(
  entries: number,
  cdSize: number,
  cdOffset: number,
  zip64At = MAX32,
): Buffer {
  const countAt = Math.min(MAX16, zip64At);
  const needs64 = entries >= countAt || cdSize >= zip64At || cdOffset >= zip64At;
  const parts: Buffer[] = [];
  if (needs64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(SIG.zip64Eocd, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(MADE_BY, 12);
    rec.writeUInt16LE(VERSION_ZIP64, 14);
    rec.writeUInt32LE(0, 16);
    rec.writeUInt32LE(0, 20);
    rec.writeBigUInt64LE(BigInt(entries), 24);
    rec.writeBigUInt64LE(BigInt(entries), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(SIG.zip64Locator, 0);
    loc.writeUInt32LE(0, 4);
    loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    loc.writeUInt32LE(1, 16);
    parts.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG.eocd, 0);
  const n = entries >= countAt ? MAX16 : entries;
  eocd.writeUInt16LE(n, 8);
  eocd.writeUInt16LE(n, 10);
  eocd.writeUInt32LE(cdSize >= zip64At ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(cdOffset >= zip64At ? MAX32 : cdOffset, 16);
  parts.push(eocd);
  return Buffer.concat(parts);
}
