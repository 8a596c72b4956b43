// History: every bundle a target confirmed, newest first, with its receipt; a bundle still on
// this host can be opened in Review again.
import { Alert, Button, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Receipt } from '../../../core/common/api/submit.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';
import { useAppState } from '../state/app-state.js';

export function HistoryScreen(props: { onOpen(): void }) {
  const { setBundle } = useAppState();
  const [receipts, setReceipts] = useState<Receipt[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.history({ limit: 200 }).then(setReceipts, (e: Error) => setError(e.message));
  }, []);

  return (
    <Stack gap="md">
      <Title order={2}>History</Title>
      {error && <Alert color="red">{error}</Alert>}
      {receipts && receipts.length === 0 && (
        <Text>Nothing has been sent from this computer yet.</Text>
      )}
      {receipts && receipts.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Table.ScrollContainer minWidth={760}>
            <Table fz="sm" striped aria-label="Sent bundles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Case</Table.Th>
                  <Table.Th>Sent to</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {receipts.map((r) => (
                  <Table.Tr key={`${r.jobId}-${r.file}-${r.target}`}>
                    <Table.Td>{new Date(r.at).toLocaleString()}</Table.Td>
                    <Table.Td fw={600}>{r.caseNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      {r.target}
                      {r.location && (
                        <Text
                          size="xs"
                          c="dimmed"
                          ff="monospace"
                          style={{ wordBreak: 'break-all' }}
                        >
                          {r.location}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {r.file}
                      <Text size="xs" c="dimmed">
                        {formatBytes(r.size)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code title={r.sha256}>{r.sha256.slice(0, 12)}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => {
                          setBundle(r.bundle);
                          props.onOpen();
                        }}
                      >
                        Open in Review
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
