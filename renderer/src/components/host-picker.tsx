// Choosing a file or a folder on the host casepack runs on (which, in a browser over an SSH
// tunnel, is not the computer the browser runs on). Only the allowed folders are listed; the
// service checks the chosen path again.
import {
  Alert,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  NativeSelect,
  ScrollArea,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DirListing } from '../../../core/common/api/media.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';

export function HostPicker(props: {
  opened: boolean;
  mode: 'file' | 'folder';
  title: string;
  start?: string;
  onClose(): void;
  onPick(path: string): void;
}) {
  const [listing, setListing] = useState<DirListing>();
  const [error, setError] = useState<string>();

  const open = useCallback(
    (p?: string) => {
      setError(undefined);
      api
        .browse({ ...(p ? { path: p } : {}), dirsOnly: props.mode === 'folder' })
        .then(setListing, (e: Error) => setError(e.message));
    },
    [props.mode],
  );

  useEffect(() => {
    if (props.opened) open(props.start);
  }, [props.opened, props.start, open]);

  const parts = listing ? listing.path.split('/').filter(Boolean) : [];

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <Stack gap="sm">
        {listing && (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label="Allowed folder"
              value={listing.roots.find((r) => listing.path.startsWith(r)) ?? ''}
              onChange={(e) => open(e.currentTarget.value)}
              data={listing.roots}
            />
            {listing.parent && (
              <Button variant="default" onClick={() => open(listing.parent)}>
                Up one folder
              </Button>
            )}
          </Group>
        )}
        {listing && (
          <Breadcrumbs separator="/" aria-label="Current folder">
            {parts.map((p, i) => (
              <Text key={i} size="sm" ff="monospace">
                {p}
              </Text>
            ))}
          </Breadcrumbs>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <ScrollArea.Autosize mah="50vh">
          <Table highlightOnHover aria-label="Folder contents">
            <Table.Tbody>
              {listing?.entries.map((e) => (
                <Table.Tr key={e.path}>
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => (e.type === 'dir' ? open(e.path) : props.onPick(e.path))}
                      aria-label={
                        e.type === 'dir' ? `Open folder ${e.name}` : `Choose file ${e.name}`
                      }
                    >
                      <Text size="sm">{e.type === 'dir' ? `📁 ${e.name}` : e.name}</Text>
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs" c="dimmed">
                      {e.size !== undefined ? formatBytes(e.size) : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {listing && listing.entries.length === 0 && (
                <Table.Tr>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      This folder is empty.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {props.mode === 'folder' && listing && (
          <Group justify="flex-end">
            <Button onClick={() => props.onPick(listing.path)}>Use this folder</Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
