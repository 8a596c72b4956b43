// What the target confirmed it holds: the proof a user keeps (case number, where, size, sha256).
import { Alert, Code, CopyButton, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { Receipt } from '../../../core/common/api/submit.js';
import { formatBytes } from '../format.js';

export function ReceiptCard({ receipt, title }: { receipt: Receipt; title?: string }) {
  return (
    <Alert color="teal" title={title ?? 'Delivered'} data-testid="receipt">
      <Stack gap="xs">
        <Table fz="sm" withRowBorders={false} aria-label="Receipt">
          <Table.Tbody>
            {receipt.caseNumber && (
              <Table.Tr>
                <Table.Th w={140}>Case number</Table.Th>
                <Table.Td fw={700}>{receipt.caseNumber}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th w={140}>Sent to</Table.Th>
              <Table.Td>
                {receipt.target} ({receipt.targetType})
              </Table.Td>
            </Table.Tr>
            {receipt.location && (
              <Table.Tr>
                <Table.Th>Where</Table.Th>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {receipt.location}
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                {receipt.file} ({formatBytes(receipt.size)})
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>SHA-256</Table.Th>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Code style={{ wordBreak: 'break-all' }}>{receipt.sha256}</Code>
                  <CopyButton value={receipt.sha256}>
                    {({ copied, copy }) => (
                      <Button size="compact-xs" variant="default" onClick={copy}>
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Checked</Table.Th>
              <Table.Td>{receipt.verified}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {new Date(receipt.at).toLocaleString()}
        </Text>
      </Stack>
    </Alert>
  );
}
