// The few Request Tracker REST2 calls casepack needs. Ticket bodies with an attachment are sent as
// a JSON stream whose base64 is produced on the fly, so a bundle is never held whole in memory here.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { HttpClient } from '../http-client.js';
import { httpError } from '../http-client.js';
import { permanent } from '../errors.js';

export interface RtMessage {
  Content: string;
  ContentType: 'text/plain';
  Subject?: string;
}

export interface RtAttachmentRef {
  id: string;
  Filename: string;
  ContentType: string;
  ContentLength: number;
  TransactionId: string;
}

export interface FileToAttach {
  path: string;
  name: string;
  size: number;
  type: string;
}

/** Base64 of a byte stream, in chunks (3-byte groups carried over between chunks). */
class Base64Encode extends Transform {
  private rest: Buffer = Buffer.alloc(0);
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const whole = buf.length - (buf.length % 3);
    this.rest = buf.subarray(whole);
    cb(null, buf.subarray(0, whole).toString('base64'));
  }
  override _flush(cb: TransformCallback): void {
    cb(null, this.rest.toString('base64'));
  }
}

function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

/** `{...fields, Attachments: [{FileName, FileType, FileContent}]}` as a stream with its exact length. */
function jsonWithAttachment(
  fields: Record<string, unknown>,
  file: FileToAttach,
  onBytes?: (n: number) => void,
): { stream: Readable; length: number } {
  const head = JSON.stringify(fields).slice(0, -1);
  const prefix = Buffer.from(
    `${head}${head.length > 1 ? ',' : ''}"Attachments":[{"FileName":${JSON.stringify(file.name)},"FileType":${JSON.stringify(file.type)},"FileContent":"`,
  );
  const suffix = Buffer.from('"}]}');
  const source = createReadStream(file.path, { highWaterMark: 3 << 18 });
  if (onBytes) source.on('data', (c) => onBytes((c as Buffer).length));
  const encoded = source.pipe(new Base64Encode());
  source.on('error', (e) => encoded.destroy(e));
  async function* parts() {
    yield prefix;
    for await (const c of encoded) yield c as Buffer;
    yield suffix;
  }
  return {
    stream: Readable.from(parts()),
    length: prefix.length + base64Length(file.size) + suffix.length,
  };
}

/** Single quotes escaped for a TicketSQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class RtApi {
  private readonly rest = '/REST/2.0';
  constructor(
    private readonly http: HttpClient,
    private readonly what: string,
    private readonly auth: string,
  ) {}

  private headers(extra: Record<string, string | number> = {}) {
    return { Authorization: `token ${this.auth}`, Accept: 'application/json', ...extra };
  }

  private async call<T>(fn: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await fn()).data;
    } catch (e) {
      throw httpError(e, this.what, this.http.route);
    }
  }

  async get<T>(path: string): Promise<T> {
    return this.call(() =>
      this.http.axios.get<T>(`${this.rest}${path}`, { headers: this.headers() }),
    );
  }

  private async postJson<T>(
    path: string,
    fields: Record<string, unknown>,
    file?: FileToAttach,
    onBytes?: (n: number) => void,
  ): Promise<T> {
    if (!file)
      return this.call(() =>
        this.http.axios.post<T>(`${this.rest}${path}`, fields, {
          headers: this.headers({ 'Content-Type': 'application/json' }),
        }),
      );
    const body = jsonWithAttachment(fields, file, onBytes);
    return this.call(() =>
      this.http.axios.post<T>(`${this.rest}${path}`, body.stream, {
        headers: this.headers({
          'Content-Type': 'application/json',
          'Content-Length': body.length,
        }),
      }),
    );
  }

  /** Checks the token and the queue before anything is created. */
  async queue(name: string): Promise<{ id: string; name: string }> {
    try {
      const q = await this.get<{ id: number | string; Name: string }>(
        `/queue/${encodeURIComponent(name)}`,
      );
      return { id: String(q.id), name: q.Name };
    } catch (e) {
      if ((e as { message?: string }).message?.includes('HTTP 404'))
        throw permanent(
          'config',
          `${this.what} has no queue "${name}" (or the token may not see it)`,
        );
      throw e;
    }
  }

  async createTicket(
    fields: Record<string, unknown>,
    file?: FileToAttach,
    onBytes?: (n: number) => void,
  ): Promise<string> {
    const r = await this.postJson<{ id?: string | number }>('/ticket', fields, file, onBytes);
    if (r.id === undefined)
      throw permanent('remote', `${this.what} did not return the new ticket's number`);
    return String(r.id);
  }

  async addMessage(
    ticket: string,
    kind: 'correspond' | 'comment',
    msg: RtMessage,
    file?: FileToAttach,
    onBytes?: (n: number) => void,
  ): Promise<void> {
    await this.postJson(`/ticket/${encodeURIComponent(ticket)}/${kind}`, { ...msg }, file, onBytes);
  }

  async ticket(id: string): Promise<{
    id: number;
    Subject: string;
    CustomFields?: Array<{ name: string; values: string[] }>;
  }> {
    return this.get(`/ticket/${encodeURIComponent(id)}`);
  }

  async searchTickets(query: string): Promise<string[]> {
    const r = await this.get<{ items?: Array<{ id: string | number }> }>(
      `/tickets?per_page=50&query=${encodeURIComponent(query)}`,
    );
    return (r.items ?? []).map((i) => String(i.id));
  }

  async attachments(ticket: string): Promise<RtAttachmentRef[]> {
    const out: RtAttachmentRef[] = [];
    for (let page = 1; page <= 50; page++) {
      const r = await this.get<{
        items?: Array<Record<string, string>>;
        pages?: number;
      }>(
        `/ticket/${encodeURIComponent(ticket)}/attachments?per_page=100&page=${page}&fields=Filename,ContentType,ContentLength,TransactionId`,
      );
      for (const a of r.items ?? [])
        out.push({
          id: String(a.id),
          Filename: a.Filename ?? '',
          ContentType: a.ContentType ?? '',
          ContentLength: Number(a.ContentLength ?? 0),
          TransactionId: String(a.TransactionId ?? ''),
        });
      if (!r.pages || page >= r.pages) break;
    }
    return out;
  }

  /** An attachment's bytes as RT stores them: size and sha256 (and the text, when asked). */
  async attachmentContent(
    id: string,
    asText = false,
  ): Promise<{ size: number; sha256: string; text?: string }> {
    const a = await this.get<{ Content?: string }>(`/attachment/${encodeURIComponent(id)}`);
    const bytes = Buffer.from(a.Content ?? '', 'base64');
    return {
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ...(asText ? { text: bytes.toString('utf8') } : {}),
    };
  }

  /** Does a text message on the ticket contain `marker`? (Finds what an interrupted request created.) */
  async hasMessageWith(ticket: string, marker: string): Promise<boolean> {
    const texts = (await this.attachments(ticket)).filter(
      (a) => a.ContentType === 'text/plain' && !a.Filename && a.ContentLength < 4 << 20,
    );
    for (const a of texts.reverse()) {
      const c = await this.attachmentContent(a.id, true);
      if (c.text?.includes(marker)) return true;
    }
    return false;
  }
}
