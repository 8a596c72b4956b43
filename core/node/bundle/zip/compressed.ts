// Content that is already compressed is stored (method 0): deflating it again costs CPU and gains
// nothing. Decided by the entry's name, else by the first bytes of its content.

const EXTENSIONS = new Set([
  'gz',
  'tgz',
  'zip',
  'jar',
  'war',
  'ear',
  'apk',
  'whl',
  'nupkg',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'heic',
  'xz',
  'txz',
  'lzma',
  'bz2',
  'tbz2',
  'zst',
  'tzst',
  'lz4',
  'lz',
  'lzo',
  '7z',
  'rar',
  'cab',
  'rpm',
  'deb',
  'br',
  'mp3',
  'mp4',
  'm4a',
  'mkv',
  'webm',
  'ogg',
  'flac',
  'gpg',
  'pgp',
]);

/** Magic bytes of compressed formats, checked at the start of the content. */
const MAGIC: Array<readonly number[]> = [
  [0x1f, 0x8b], // gzip
  [0x50, 0x4b, 0x03, 0x04], // zip, jar, docx ...
  [0x42, 0x5a, 0x68, 0x39], // bzip2 "BZh9" (the default block size)
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x04, 0x22, 0x4d, 0x18], // lz4 frame
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // png
  [0xff, 0xd8, 0xff], // jpeg
  [0x47, 0x49, 0x46, 0x38], // gif
  [0x5d, 0x00, 0x00], // lzma alone
];

export function isCompressedName(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot >= 0 && EXTENSIONS.has(base.slice(dot + 1));
}

export function hasCompressedMagic(head: Uint8Array): boolean {
  return MAGIC.some((m) => m.length <= head.length && m.every((byte, i) => head[i] === byte));
}
