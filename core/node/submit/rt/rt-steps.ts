// Request Tracker steps: open a ticket (`rt-create`), add to one (`rt-correspond`), and post the
// receipt of a large-file delivery (`rt-receipt`). Each remembers what it created in the job before
// anything else can fail, and a retry after an unknown outcome looks for its own job token on the
// ticket first, so a crash or a lost reply never leads to a second ticket or a repeated message.
import type { JobStep, Receipt } from '../../../common/api/submit.js';
import {
  caseFacts,
  caseText,
  customFieldValues,
  jobMarker,
} from '../../../common/targets/case-text.js';
import type { RtTarget } from '../../../common/targets/schema.js';
import { TARGET_DEFAULTS } from '../../../common/targets/schema.js';
import { formatBytes } from '../../../common/units.js';
import { permanent } from '../errors.js';
import { makeHttpClient } from '../http-client.js';
import { ProgressMeter } from '../progress.js';
import type { StepContext, StepOutcome } from '../step.js';
import { lastFileReceipt, newStep, targetOf } from '../step.js';
import { RtApi, sqlString, type FileToAttach } from './rt-api.js';

async function rtApi(ctx: StepContext, t: RtTarget): Promise<RtApi> {
  const http = await makeHttpClient(t, ctx.settings.network, ctx.warn);
  return new RtApi(http, `RT at ${t.url}`, await ctx.secret(t.token));
}

export function ticketUrl(t: RtTarget, id: string): string {
  return `${t.url.replace(/\/+$/, '')}/Ticket/Display.html?id=${id}`;
}

function subjectOf(ctx: StepContext): string {
  const s = caseFacts(ctx.job.case).summary ?? `casepack bundle ${ctx.job.bundle.name}`;
  return s.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

function bundleFile(ctx: StepContext): FileToAttach {
  const b = ctx.job.bundle;
  return { path: b.path, name: b.name, size: b.size, type: 'application/zip' };
}

function sizeLine(ctx: StepContext): string {
  const b = ctx.job.bundle;
  return `${b.name} (${formatBytes(b.size)}, ${b.size} bytes, sha256 ${b.sha256})`;
}

function receiptLines(r: Receipt): string[] {
  return [
    `File: ${r.file}`,
    `Size: ${r.size} bytes (${formatBytes(r.size)})`,
    `SHA-256: ${r.sha256}`,
    `Where: ${r.location ?? r.target}`,
    `Checked: ${r.verified}`,
  ];
}

/** The bundle lines of the case text, per how the bundle travels. */
function bundleLines(ctx: StepContext, t: RtTarget): string[] {
  const o = ctx.step.options ?? {};
  if (o.attach) return [`${sizeLine(ctx)} is attached.`];
  const r = lastFileReceipt(ctx.job);
  if (r) return ['Delivered separately:', ...receiptLines(r)];
  const limit = t.attachLimit ?? TARGET_DEFAULTS.attachLimit;
  return [
    `${sizeLine(ctx)} is larger than this system takes as an attachment (${formatBytes(limit)}).`,
    `It is being delivered to "${t.largeFiles}" with this ticket's number as a prefix; its receipt follows as a comment.`,
  ];
}

function progressFor(ctx: StepContext): (n: number) => void {
  const m = new ProgressMeter(ctx.job.bundle.size, (s) => ctx.progress({ phase: 'upload', ...s }));
  return (n) => m.add(n);
}

/** After the create or message: did RT keep the attachment byte for byte? */
async function verifyAttachment(
  ctx: StepContext,
  api: RtApi,
  t: RtTarget,
  ticket: string,
): Promise<StepOutcome> {
  const b = ctx.job.bundle;
  const mine = (await api.attachments(ticket)).filter((a) => a.Filename === b.name);
  const got = mine.length ? await api.attachmentContent(mine[mine.length - 1]!.id) : undefined;
  if (got && got.size === b.size && got.sha256 === b.sha256)
    return {
      receipts: [
        {
          target: ctx.step.target,
          targetType: 'rt',
          file: b.name,
          size: b.size,
          sha256: b.sha256,
          caseNumber: ticket,
          location: ticketUrl(t, ticket),
          verified: 'RT attachment read back: size and sha256 match',
          at: new Date().toISOString(),
          jobId: ctx.job.id,
          bundle: b.name,
        },
      ],
    };
  const what = got
    ? `RT kept only ${got.size} of ${b.size} bytes of the attachment (or changed it: sha256 differs); its attachment size limit is probably lower than attachLimit`
    : 'RT did not keep the attachment';
  if (!t.largeFiles)
    throw permanent(
      'remote',
      `${what}. Configure \`largeFiles\` for the target "${ctx.step.target}" (or lower its attachLimit) and run \`casepack outbox retry ${ctx.job.id}\`. The bundle is kept at ${b.path}.`,
    );
  ctx.job.notes.push(`${what}: the bundle goes to "${t.largeFiles}" instead.`);
  return { then: largeFileSteps(ctx.settings, t, ctx.step.target) };
}

/** The upload to the largeFiles target and the receipt on the ticket. */
export function largeFileSteps(
  settings: StepContext['settings'],
  t: RtTarget,
  rtName: string,
): JobStep[] {
  const lf = settings.targets?.[t.largeFiles ?? ''];
  if (!lf || (lf.type !== 'sftp' && lf.type !== 'folder'))
    throw permanent('config', `the target "${rtName}" names no usable largeFiles target`);
  return [
    newStep(lf.type === 'sftp' ? 'sftp-upload' : 'folder-export', t.largeFiles!),
    newStep('rt-receipt', rtName),
  ];
}

async function cfNotes(
  api: RtApi,
  ticket: string,
  sent: Record<string, string>,
): Promise<string[]> {
  if (Object.keys(sent).length === 0) return [];
  const tk = await api.ticket(ticket);
  const have = new Map((tk.CustomFields ?? []).map((f) => [f.name, f.values ?? []]));
  return Object.entries(sent)
    .filter(([name, v]) => !(have.get(name) ?? []).includes(v))
    .map(
      ([name, v]) =>
        `RT did not set its custom field "${name}" to "${v}" (it has: ${(have.get(name) ?? []).join(', ') || 'nothing'}); check the field name and its allowed values in RT`,
    );
}

/** A ticket this job created before its reply was lost: same queue and subject, and our job token. */
async function findCreated(api: RtApi, t: RtTarget, ctx: StepContext, marker: string) {
  const since = new Date(Date.parse(ctx.job.createdAt) - 86_400_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
  const ids = await api.searchTickets(
    `Queue = ${sqlString(t.queue)} AND Subject = ${sqlString(subjectOf(ctx))} AND Created >= ${sqlString(since)}`,
  );
  for (const id of ids) if (await api.hasMessageWith(id, marker)) return id;
  return undefined;
}

export async function runRtCreate(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'rt');
  const api = await rtApi(ctx, t);
  const marker = jobMarker(`${ctx.job.id}#${ctx.index + 1}`);
  const attach = ctx.step.options?.attach === true;
  const fields = customFieldValues(ctx.job.case, t.customFields);
  let ticket = ctx.step.result?.ticket as string | undefined;
  if (!ticket && ctx.step.attempted) ticket = await findCreated(api, t, ctx, marker);
  if (!ticket) {
    await api.queue(t.queue);
    const email = caseFacts(ctx.job.case).email;
    const body = {
      Queue: t.queue,
      Subject: subjectOf(ctx),
      ...(email ? { Requestor: email } : {}),
      Content: caseText(ctx.job.case, { bundle: bundleLines(ctx, t), marker, tool: ctx.tool }),
      ContentType: 'text/plain',
      ...(Object.keys(fields).length ? { CustomFields: fields } : {}),
    };
    ctx.step.attempted = true;
    await ctx.save();
    ticket = await api.createTicket(body, attach ? bundleFile(ctx) : undefined, progressFor(ctx));
  }
  ctx.step.result = { ...ctx.step.result, ticket };
  ctx.step.attempted = false;
  ctx.job.caseNumber = ticket;
  await ctx.save();
  ctx.job.notes.push(...(await cfNotes(api, ticket, fields)));
  return attach ? verifyAttachment(ctx, api, t, ticket) : {};
}

export async function runRtCorrespond(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'rt');
  const api = await rtApi(ctx, t);
  const ticket = ctx.job.caseNumber;
  if (!ticket) throw permanent('case', 'an update needs the case number (--case N)');
  const marker = jobMarker(`${ctx.job.id}#${ctx.index + 1}`);
  const attach = ctx.step.options?.attach === true;
  const sent =
    ctx.step.result?.sent === true ||
    (ctx.step.attempted && (await api.hasMessageWith(ticket, marker)));
  if (!sent) {
    try {
      await api.ticket(ticket);
    } catch (e) {
      if ((e as { message?: string }).message?.includes('HTTP 404'))
        throw permanent(
          'case',
          `RT at ${t.url} has no ticket ${ticket} (or the token may not see it)`,
        );
      throw e;
    }
    ctx.step.attempted = true;
    await ctx.save();
    const content = caseText(ctx.job.case, { bundle: bundleLines(ctx, t), marker, tool: ctx.tool });
    await api.addMessage(
      ticket,
      'correspond',
      { Content: content, ContentType: 'text/plain' },
      attach ? bundleFile(ctx) : undefined,
      progressFor(ctx),
    );
  }
  ctx.step.result = { ...ctx.step.result, ticket, sent: true };
  ctx.step.attempted = false;
  await ctx.save();
  return attach ? verifyAttachment(ctx, api, t, ticket) : {};
}

export async function runRtReceipt(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'rt');
  const ticket = ctx.job.caseNumber;
  const r = lastFileReceipt(ctx.job);
  if (!ticket || !r)
    throw permanent('internal', 'the receipt step has no ticket or no delivered file');
  const api = await rtApi(ctx, t);
  const marker = jobMarker(`${ctx.job.id}#${ctx.index + 1}`);
  if (ctx.step.attempted && (await api.hasMessageWith(ticket, marker))) return {};
  ctx.step.attempted = true;
  await ctx.save();
  const text = [
    `casepack delivered the bundle for this ticket to "${r.target}".`,
    '',
    ...receiptLines(r),
    '',
    '--',
    `Sent by ${ctx.tool}. ${marker}`,
  ].join('\n');
  await api.addMessage(ticket, 'comment', { Content: text + '\n', ContentType: 'text/plain' });
  return {};
}
