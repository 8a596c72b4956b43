// The `smtp-send` step: the case by e-mail, with a subject the case system files under the right
// case (`[<tag> #<case>] <summary> Ref:<ref>`). The bundle is attached when the server's announced
// size limit (EHLO SIZE) allows; otherwise, or when the server answers 552, report.html and the
// manifest are attached and the text says where the bundle went (the largeFiles target, if any).
import { Transform } from 'node:stream';
import { hostname } from 'node:os';
import type { JobStep, Receipt } from '../../../common/api/submit.js';
import {
  caseFacts,
  caseText,
  DEFAULT_SUBJECT,
  jobMarker,
  renderSubject,
} from '../../../common/targets/case-text.js';
import { isLoopbackHost } from '../../../common/targets/loopback.js';
import type { SmtpTarget } from '../../../common/targets/schema.js';
import { TARGET_DEFAULTS } from '../../../common/targets/schema.js';
import { formatBytes } from '../../../common/units.js';
import { openBundleEntry, type EntryStream } from '../bundle-file.js';
import { permanent } from '../errors.js';
import { ProgressMeter } from '../progress.js';
import type { StepContext, StepOutcome } from '../step.js';
import { lastFileReceipt, newStep, targetOf } from '../step.js';
import {
  composeMessage,
  openSmtp,
  smtpError,
  type MessageSpec,
  type SmtpSession,
} from './smtp-session.js';

/** base64 with line breaks grows a file by about 37%; headers and the text add a little. */
export function estimatedMessageSize(attachmentBytes: number): number {
  return Math.ceil(((attachmentBytes * 4) / 3) * (78 / 76)) + 64 * 1024;
}

function recipients(t: SmtpTarget): string[] {
  return Array.isArray(t.to) ? t.to : [t.to];
}

function bundleLines(
  ctx: StepContext,
  mode: 'bundle' | 'summary',
  limit: number | undefined,
): string[] {
  const b = ctx.job.bundle;
  const line = `${b.name} (${formatBytes(b.size)}, ${b.size} bytes, sha256 ${b.sha256})`;
  if (mode === 'bundle') return [`${line} is attached.`];
  const r = lastFileReceipt(ctx.job);
  const why = limit
    ? `larger than this mail server takes (${formatBytes(limit)})`
    : 'too large for e-mail';
  if (r)
    return [
      `${line} is ${why}; it was delivered to "${r.target}":`,
      `File: ${r.file}`,
      `Where: ${r.location ?? r.target}`,
      `Checked: ${r.verified}`,
      'Attached here: report.html (the readable summary) and manifest.json (every file with its sha256).',
    ];
  return [
    `${line} is ${why}; it stays with the customer at ${b.path} on ${hostname()} until it is sent another way.`,
    'Attached here: report.html (the readable summary) and manifest.json (every file with its sha256).',
  ];
}

async function send(
  ctx: StepContext,
  t: SmtpTarget,
  session: SmtpSession,
  mode: 'bundle' | 'summary',
): Promise<{ messageId: string; size: number }> {
  const b = ctx.job.bundle;
  const facts = caseFacts(ctx.job.case);
  const subject = renderSubject(t.subject ?? DEFAULT_SUBJECT, {
    tag: t.subjectTag,
    case: ctx.job.caseNumber,
    summary: facts.summary ?? `casepack bundle ${b.name}`,
    ref: ctx.job.referenceId,
    bundle: b.name,
  });
  const marker = jobMarker(`${ctx.job.id}#${ctx.index + 1}`);
  const text = caseText(ctx.job.case, {
    bundle: bundleLines(ctx, mode, session.maxSize),
    marker,
    tool: ctx.tool,
  });
  const entries: EntryStream[] = [];
  const attachments: MessageSpec['attachments'] = [];
  if (mode === 'bundle')
    attachments.push({ filename: b.name, path: b.path, contentType: 'application/zip' });
  else
    for (const [name, type] of [
      ['report.html', 'text/html'],
      ['manifest.json', 'application/json'],
    ] as const) {
      const e = await openBundleEntry(b.path, name);
      if (!e) continue;
      entries.push(e);
      attachments.push({ filename: name, content: e.stream, contentType: type });
    }
  const messageId = `<${ctx.job.id}.${ctx.index + 1}.${mode}@casepack.invalid>`;
  const total = estimatedMessageSize(
    mode === 'bundle' ? b.size : entries.reduce((n, e) => n + e.size, 0),
  );
  const meter = new ProgressMeter(total, (s) =>
    ctx.progress({ phase: mode === 'bundle' ? 'send' : 'send-summary', ...s }),
  );
  // Count in a Transform: a 'data' listener would start the flow before the connection reads it.
  const counted = new Transform({
    transform(chunk: Buffer, _e, cb) {
      meter.add(chunk.length);
      cb(null, chunk);
    },
  });
  const message = composeMessage({
    from: t.from,
    to: recipients(t),
    subject,
    text,
    messageId,
    attachments,
  });
  message.on('error', (e) => counted.destroy(e));
  message.pipe(counted);
  try {
    await session.send({ from: t.from, to: recipients(t), size: total }, counted);
  } finally {
    for (const e of entries) e.close();
  }
  meter.finish();
  return { messageId, size: total };
}

export async function runSmtpSend(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'smtp');
  const b = ctx.job.bundle;
  const limit = t.maxMessageSize ?? TARGET_DEFAULTS.maxMessageSize;
  const summaryOnly = ctx.step.options?.summaryOnly === true;
  const open = () =>
    openSmtp(t, {
      requireTls: t.requireTls ?? !isLoopbackHost(t.host),
      stallMs: t.stallTimeout ?? ctx.settings.network?.stallTimeout ?? TARGET_DEFAULTS.stallTimeout,
      connectMs:
        t.connectTimeout ?? ctx.settings.network?.connectTimeout ?? TARGET_DEFAULTS.connectTimeout,
      secret: ctx.secret,
      warn: ctx.warn,
    });
  let session = await open();
  try {
    const max = session.maxSize ?? limit;
    let tooBig = summaryOnly || estimatedMessageSize(b.size) > max;
    if (!tooBig) {
      try {
        const sent = await send(ctx, t, session, 'bundle');
        return { receipts: [receipt(ctx, t, sent.messageId)] };
      } catch (e) {
        // 552: the server refused the size after all (its limit was not announced, or is lower).
        if ((e as { responseCode?: number }).responseCode !== 552) throw smtpError(e, t);
        ctx.job.notes.push(`the mail server refused the message with the bundle (552, too large)`);
        tooBig = true;
        // A fresh session: after a refused DATA some servers close the connection.
        session.close();
        session = await open();
      }
    }
    if (t.largeFiles && !summaryOnly && !lastFileReceipt(ctx.job)) {
      // Deliver the bundle over the file channel first, then mail the summary that says where it is.
      ctx.step.result = { deferred: `the bundle goes to "${t.largeFiles}" first` };
      return { then: largeFileThenSummary(ctx, t) };
    }
    try {
      await send(ctx, t, session, 'summary');
    } catch (e) {
      throw smtpError(e, t);
    }
    if (lastFileReceipt(ctx.job)) return {};
    return {
      partial: `the bundle (${formatBytes(b.size)}) is larger than the mail server "${ctx.step.target}" takes; only the summary (report.html, manifest.json) was sent. The bundle stays at ${b.path}: export it, or configure \`largeFiles\` for the target`,
    };
  } finally {
    session.close();
  }
}

function largeFileThenSummary(ctx: StepContext, t: SmtpTarget): JobStep[] {
  const lf = ctx.settings.targets?.[t.largeFiles!];
  if (!lf || (lf.type !== 'sftp' && lf.type !== 'folder'))
    throw permanent('config', `the target "${ctx.step.target}" names no usable largeFiles target`);
  return [
    newStep(lf.type === 'sftp' ? 'sftp-upload' : 'folder-export', t.largeFiles!),
    newStep('smtp-send', ctx.step.target, { summaryOnly: true }),
  ];
}

function receipt(ctx: StepContext, t: SmtpTarget, messageId: string): Receipt {
  const b = ctx.job.bundle;
  return {
    target: ctx.step.target,
    targetType: 'smtp',
    file: b.name,
    size: b.size,
    sha256: b.sha256,
    ...(ctx.job.caseNumber ? { caseNumber: ctx.job.caseNumber } : {}),
    location: `mail to ${recipients(t).join(', ')}, Message-ID ${messageId}`,
    verified: `accepted by the mail server ${t.host}:${t.port ?? TARGET_DEFAULTS.smtpPort}`,
    at: new Date().toISOString(),
    jobId: ctx.job.id,
    bundle: b.name,
  };
}
