// API methods of the review screen: what a bundle holds, each entry with its redactions marked,
// a search across the whole bundle, and removing items before anything is sent.
import { z } from 'zod';
import type { ItemStatus, ItemType, ManifestItem } from '../manifest/schema.js';
import { method } from './define.js';

const bundle = z.string().min(1).max(4096);

export interface TreeEntry {
  /** Entry name in the zip (`logs/syslog`). */
  path: string;
  size: number;
  compressedSize: number;
  /** What the entry is: text can be opened, image shown as a thumbnail, diff rendered as a diff. */
  view: 'text' | 'diff' | 'image' | 'binary';
  /** From the manifest, when the entry is one of its items. */
  itemId?: string;
  type?: ItemType;
  status?: ItemStatus;
  reason?: string;
  source?: string;
  /** Replacements per rule in this entry (never the values). */
  redactions: Record<string, number>;
}

export interface BundleTree {
  bundle: string;
  /** Bytes of the zip file. */
  size: number;
  entries: TreeEntry[];
  /** Items that wrote nothing (skipped or failed), with their reason. */
  missing: ManifestItem[];
  /** Replacements per rule over the whole bundle. */
  redactionTotals: Record<string, number>;
  caseNumber?: string;
  host?: string;
  createdAt?: string;
}

export interface Mark {
  /** UTF-16 offsets into `text`. */
  start: number;
  end: number;
  rule: string;
  kind: 'redacted' | 'pseudonym';
}

export interface EntryText {
  path: string;
  /** Bytes of the whole entry. */
  size: number;
  /** Byte offset of `text` in the entry. */
  offset: number;
  text: string;
  /** More bytes follow (ask again with a larger offset). */
  truncated: boolean;
  view: TreeEntry['view'];
  marks: Mark[];
  /** Replacements per rule in the whole entry, from the manifest. */
  counts: Record<string, number>;
}

export interface EntryImage {
  path: string;
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  base64: string;
}

export interface SearchHit {
  path: string;
  /** 1-based line number. */
  line: number;
  /** 1-based column (characters) of the match. */
  column: number;
  /** The line around the match (at most ~160 characters). */
  before: string;
  match: string;
  after: string;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** Hits not returned because `maxHits` was reached. */
  truncated: boolean;
  entriesSearched: number;
  /** Entries not searched (binary), by path. */
  skipped: string[];
}

export interface RebuildResult {
  bundle: string;
  removed: string[];
  size: number;
}

export const reviewMethods = {
  bundleTree: method(
    z.strictObject({ bundle }),
    'Every entry of a bundle with its size, manifest status and redaction counts.',
  ).returns<BundleTree>(),
  readEntry: method(
    z.strictObject({
      bundle,
      path: z.string().min(1).max(4096),
      offset: z.number().int().min(0).default(0),
      maxBytes: z
        .number()
        .int()
        .min(1)
        .max(4 * 1024 * 1024)
        .default(512 * 1024),
    }),
    'A slice of a text entry with its redaction markers located.',
  ).returns<EntryText>(),
  readImage: method(
    z.strictObject({ bundle, path: z.string().min(1).max(4096) }),
    'An image entry (screenshots) as base64.',
  ).returns<EntryImage>(),
  searchBundle: method(
    z.strictObject({
      bundle,
      query: z.string().min(1).max(200),
      caseSensitive: z.boolean().default(false),
      maxHits: z.number().int().min(1).max(5000).default(500),
    }),
    'Search every text entry of a bundle for a string (e.g. the company name).',
  ).returns<SearchResult>(),
  removeEntries: method(
    z.strictObject({ bundle, paths: z.array(z.string().min(1).max(4096)).min(1).max(10000) }),
    'Rebuild the bundle without the given entries; the manifest lists them as removed by the user.',
  ).returns<RebuildResult>(),
};
