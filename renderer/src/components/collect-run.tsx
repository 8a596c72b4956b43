// Collect, while it runs and after: overall and per-item progress from the collect:* events, a
// Skip beside every running item, Cancel for the whole run, and every item that failed, was
// truncated or skipped with its reason.
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { CollectRun } from '../../../core/common/api/collect.js';
import { SWITCHED_OFF, type PlanItem } from '../../../core/common/collect/plan.js';
import type { ManifestItem } from '../../../core/common/manifest/schema.js';
import { api } from '../api/api.js';
import { formatBytes, formatDuration } from '../format.js';
import { itemLabel } from './collect-plan.js';
import { inUiTerms } from './ui-wording.js';

const STATUS_COLOR: Record<string, string> = {
  collected: 'teal',
  truncated: 'orange',
  skipped: 'gray',
  failed: 'red',
};

/** Follow one run: its state from collectStatus, kept current by the events. */
export function useCollectRun(runId: string | undefined): CollectRun | undefined {
  const [run, setRun] = useState<CollectRun>();
  useEffect(() => {
    if (!runId) return setRun(undefined);
    let live = true;
    let ended = false;
    const refresh = (): void =>
      void api.collectStatus({ runId }).then(
        (s) => {
          if (!live) return;
          setRun(s);
          // collect:done can arrive a moment before the run's state says it ended.
          if (s.state === 'running' && ended) setTimeout(refresh, 250);
        },
        // The host no longer knows the run (casepack serve restarted): back to the plan.
        () => live && setRun(undefined),
      );
    const offs = [
      api.on('collect:progress', (p) => {
        if (p.runId === runId) setRun((r) => r && { ...r, progress: p });
      }),
      api.on('collect:item', (e) => {
        if (e.runId === runId) setRun((r) => r && { ...r, items: [...r.items, e.item] });
      }),
      api.on('collect:done', (d) => {
        if (d.runId !== runId) return;
        ended = true;
        refresh();
      }),
    ];
    refresh();
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [runId]);
  return run;
}

interface Problem {
  id: string;
  status: ManifestItem['status'];
  label: string;
  reason?: string | undefined;
}

function Problems({ items }: { items: Problem[] }) {
  const bad = items.filter((i) => i.status !== 'collected');
  if (!bad.length) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Items not fully collected">
      <Title order={3} size="h5" mb="xs">
        Not fully collected ({bad.length})
      </Title>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {bad.map((i) => (
            <Table.Tr key={i.id} data-testid="problem-item">
              <Table.Td w={100}>
                <Badge color={STATUS_COLOR[i.status]}>{i.status}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {i.label}
                </Text>
                <Text size="sm" c="dimmed">
                  {i.reason}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** One running item: how far it is, for how long, and its Skip button. */
function Running(props: {
  item: PlanItem | undefined;
  id: string;
  bytes: number;
  since: number;
  skipping: boolean;
  onSkip(): void;
}) {
  const { item } = props;
  const label = item ? itemLabel(item) : props.id;
  const est = item?.action === 'collect' ? item.estimatedBytes : 0;
  const command = item?.type === 'command';
  const pct = est > 0 ? Math.min(100, (100 * props.bytes) / est) : 0;
  return (
    <Stack gap={2} data-testid="running-item">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" ff="monospace" truncate="end" style={{ minWidth: 0 }} title={label}>
          {label}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          color="orange"
          onClick={props.onSkip}
          loading={props.skipping}
          aria-label={`Skip ${label}`}
        >
          Skip
        </Button>
      </Group>
      <Progress
        value={command ? 100 : pct}
        striped={command}
        animated={command}
        aria-label={`Progress of ${label}`}
      />
      <Text size="xs" c="dimmed">
        {command ? 'running' : `${formatBytes(props.bytes)} of at most ${formatBytes(est)}`} for{' '}
        {formatDuration(Date.now() - props.since)}
      </Text>
    </Stack>
  );
}

export function RunView(props: {
  run: CollectRun;
  plan: Map<string, PlanItem>;
  /** Items switched off in the plan. */
  off: ReadonlySet<string>;
  onReview(bundle: string): void;
  onBack(): void;
  /** Move the focus to the run (just started here): the plan and its Start button are gone. */
  focus?: boolean;
}) {
  const { run, plan } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.focus();
  }, [props.focus]);
  const p = run.progress;
  const [error, setError] = useState<string>();
  const [, tick] = useState(0);
  // When each running item was first seen (the elapsed time beside it).
  const seen = useRef(new Map<string, number>());
  for (const id of p?.current ?? []) if (!seen.current.has(id)) seen.current.set(id, Date.now());
  useEffect(() => {
    if (run.state !== 'running') return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [run.state]);

  const act = (f: () => Promise<unknown>) => {
    setError(undefined);
    f().catch((e: Error) => setError(e.message));
  };
  // Sizes are upper bounds (a windowed log is usually much smaller): items done count too.
  const pct = p
    ? 100 *
      Math.min(
        1,
        Math.max(p.itemsDone / Math.max(p.itemsTotal, 1), p.bytesDone / Math.max(p.bytesTotal, 1)),
      )
    : 0;
  const finishing = run.state === 'running' && p && p.itemsDone === p.itemsTotal;
  const r = run.result;
  // What the run reported, then (once it is over) what the plan left out from the start.
  const problems: Problem[] = run.items.map((i) => ({
    id: i.id,
    status: i.status,
    reason: i.reason,
    label: i.type === 'command' && i.argv ? i.argv.join(' ') : i.source,
  }));
  if (run.state === 'done')
    for (const i of plan.values()) {
      const label = itemLabel(i);
      if (i.action === 'skip') problems.push({ ...i, label });
      else if (props.off.has(i.id))
        problems.push({ id: i.id, status: 'skipped', reason: SWITCHED_OFF, label });
    }
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-label="Collection progress">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4" ref={heading} tabIndex={-1}>
              {run.state === 'running'
                ? 'Collecting…'
                : run.state === 'done'
                  ? r?.releasable === false
                    ? 'The bundle is written but not releasable'
                    : 'The bundle is ready'
                  : run.state === 'cancelled'
                    ? 'Collection cancelled'
                    : 'Collection failed'}
            </Title>
            {run.state === 'running' && (
              <Button
                color="red"
                variant="outline"
                onClick={() => act(() => api.collectCancel({ runId: run.runId }))}
              >
                Cancel collection
              </Button>
            )}
          </Group>
          <Progress
            value={run.state === 'done' ? 100 : pct}
            aria-label="Overall progress"
            size="lg"
          />
          <Text size="sm" aria-live="polite" data-testid="overall-progress">
            {p ? `${p.itemsDone} of ${p.itemsTotal} items` : 'Preparing the plan'}
            {p ? ` · ${formatBytes(p.bytesDone)} of about ${formatBytes(p.bytesTotal)}` : ''}
            {run.state === 'running' && p?.etaMs !== undefined && !finishing
              ? ` · about ${formatDuration(p.etaMs)} left`
              : ''}
            {finishing ? ' · writing the system report and finishing the bundle…' : ''}
          </Text>
          {error && <Alert color="red">{error}</Alert>}
        </Stack>
      </Paper>
      {run.state === 'running' && p && p.current.length > 0 && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Running now">
          <Title order={3} size="h5" mb="xs">
            Running now
          </Title>
          <Stack gap="sm">
            {p.current.map((id) => (
              <Running
                key={id}
                id={id}
                item={plan.get(id)}
                bytes={p.itemBytes?.[id] ?? 0}
                since={seen.current.get(id) ?? Date.now()}
                skipping={run.skipRequested.includes(id)}
                onSkip={() => act(() => api.collectSkip({ runId: run.runId, itemId: id }))}
              />
            ))}
          </Stack>
        </Paper>
      )}
      {r?.releasable === false && (
        <Alert color="red" title="The leak check refused this bundle: do not send it as it is">
          <Text size="sm">
            Something that looks like a secret is still in it. Open it in Review, remove the entries
            below (or the secret from the case), and collect again.
          </Text>
          {(r.leaks ?? []).map((l) => (
            <Text size="sm" ff="monospace" key={`${l.entry}:${l.line}:${l.rule}`}>
              {l.entry}:{l.line} ({l.rule})
            </Text>
          ))}
        </Alert>
      )}
      {r && (
        <Alert color={r.releasable === false ? 'gray' : 'teal'} title={r.bundle.split('/').pop()}>
          <Stack gap={4}>
            <Text size="sm">
              {r.summary.collected} collected, {r.summary.truncated} truncated, {r.summary.skipped}{' '}
              skipped, {r.summary.failed} failed · {formatBytes(r.summary.bytes)} of content,{' '}
              {formatBytes(r.size)} zipped · took {formatDuration(r.summary.durationMs)}
            </Text>
            {r.warnings.map((w) => (
              <Text size="sm" key={w} c="orange.8">
                {inUiTerms(w)}
              </Text>
            ))}
            <Group mt="xs">
              <Button onClick={() => props.onReview(r.bundle)}>Continue to Review</Button>
              <Button variant="default" onClick={props.onBack}>
                Collect again
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {run.error && (
        <Alert color={run.state === 'cancelled' ? 'gray' : 'red'} title={run.error.message}>
          <Stack gap="xs">
            <Text size="sm">No bundle was written.</Text>
            <Group>
              <Button variant="default" onClick={props.onBack}>
                Back to the plan
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Problems items={problems} />
    </Stack>
  );
}
