// The outbox: every submission is a job on disk that survives a crash and resumes; here with live
// upload progress, and a way to retry or cancel.
import { Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { OutboxJob } from '../../../core/common/api/submit.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';

const COLOR: Record<string, string> = {
  queued: 'gray',
  running: 'indigo',
  done: 'teal',
  partial: 'orange',
  failed: 'red',
  cancelled: 'gray',
};

export function useOutbox(): { jobs: OutboxJob[]; reload(): void } {
  const [jobs, setJobs] = useState<OutboxJob[]>([]);
  const reload = useCallback(() => {
    void api.outboxList({ all: true }).then((r) => setJobs(r.jobs));
  }, []);
  useEffect(() => {
    reload();
    const offs = [
      api.on('submit:progress', (p) =>
        setJobs((js) =>
          js.map((j) =>
            j.id === p.jobId
              ? {
                  ...j,
                  status: 'running',
                  progress: {
                    ...(j.progress ?? { step: 0, kind: j.steps[0]?.kind ?? 'folder-export' }),
                    bytesDone: p.bytesDone,
                    bytesTotal: p.bytesTotal,
                    ...(p.rateBps !== undefined ? { rateBps: p.rateBps } : {}),
                  },
                }
              : j,
          ),
        ),
      ),
      api.on('submit:done', reload),
    ];
    return () => offs.forEach((off) => off());
  }, [reload]);
  return { jobs, reload };
}

export function Outbox({ jobs, reload }: { jobs: OutboxJob[]; reload(): void }) {
  const open = jobs.filter((j) => j.status !== 'done' && j.status !== 'cancelled');
  if (open.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Outbox">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Outbox
        </Title>
        {open.map((j) => {
          const p = j.progress;
          const pct = p && p.bytesTotal > 0 ? (100 * p.bytesDone) / p.bytesTotal : 0;
          return (
            <Stack key={j.id} gap={4} data-testid="outbox-job">
              <Group justify="space-between" wrap="wrap">
                <Text size="sm" fw={600}>
                  {j.bundle.name} → {j.target}
                </Text>
                <Badge color={COLOR[j.status]}>{j.status}</Badge>
              </Group>
              {j.status === 'running' && p && (
                <>
                  <Progress value={pct} aria-label={`Upload of ${j.bundle.name}`} animated />
                  <Text size="xs" c="dimmed">
                    {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}
                    {p.rateBps ? ` · ${formatBytes(p.rateBps)}/s` : ''}
                    {p.resumedFrom ? ` · resumed at ${formatBytes(p.resumedFrom)}` : ''}
                  </Text>
                </>
              )}
              {j.lastError && (
                <Text size="sm" c="red">
                  {j.lastError.message}
                  {j.nextAttemptAt
                    ? ` (next try ${new Date(j.nextAttemptAt).toLocaleTimeString()})`
                    : ''}
                </Text>
              )}
              {j.status !== 'running' && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => void api.outboxRetry({ id: j.id, wait: false }).then(reload)}
                  >
                    Retry now
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void api.outboxCancel({ id: j.id }).then(reload)}
                  >
                    Cancel
                  </Button>
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
