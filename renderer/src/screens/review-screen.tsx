// Step 3: everything that will leave, before it leaves. The bundle as a tree with sizes, each text
// with its redactions highlighted and counted, diffs as diffs, screenshots as thumbnails, what
// could not be collected and why, and a search across the whole bundle.
import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Image,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BundleTree as Tree, TreeEntry } from '../../../core/common/api/review.js';
import { api } from '../api/api.js';
import { BundleTree } from '../components/bundle-tree.js';
import { EntryViewer } from '../components/entry-viewer.js';
import { HostPicker } from '../components/host-picker.js';
import { SearchPanel } from '../components/search-panel.js';
import { formatBytes } from '../format.js';
import { useAppState } from '../state/app-state.js';

function Thumbnails({
  bundle,
  entries,
  onOpen,
}: {
  bundle: string;
  entries: TreeEntry[];
  onOpen(e: TreeEntry): void;
}) {
  const [srcs, setSrcs] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const e of entries)
      void api
        .readImage({ bundle, path: e.path })
        .then((i) => setSrcs((s) => ({ ...s, [e.path]: `data:${i.mime};base64,${i.base64}` })));
  }, [bundle, entries]);
  if (!entries.length) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Screenshots">
      <Title order={2} size="h5" mb="xs">
        Screenshots
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {entries.map((e) => (
          <button
            key={e.path}
            type="button"
            onClick={() => onOpen(e)}
            style={{ border: 0, background: 'none', padding: 0, cursor: 'pointer' }}
            aria-label={`Open ${e.path}`}
          >
            {srcs[e.path] && (
              <Image src={srcs[e.path]} alt={e.path} h={90} fit="contain" radius="sm" />
            )}
            <Text size="xs" truncate>
              {e.path.split('/').pop()}
            </Text>
          </button>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** Entries that describe the bundle itself: they are rebuilt, never removed. */
const META = new Set(['manifest.json', 'case.json', 'report.html']);

export function ReviewScreen(props: { onSubmit(): void; onCollect(): void }) {
  const { bundle, setBundle } = useAppState();
  const [tree, setTree] = useState<Tree>();
  const [open, setOpen] = useState<TreeEntry>();
  const [query, setQuery] = useState<string>();
  const [error, setError] = useState<string>();
  const [pick, setPick] = useState(false);
  const [removing, setRemoving] = useState<TreeEntry>();
  const [rebuilding, setRebuilding] = useState(false);
  const [notice, setNotice] = useState<string>();

  async function remove(e: TreeEntry) {
    if (!bundle) return;
    setRebuilding(true);
    setError(undefined);
    try {
      await api.removeEntries({ bundle, paths: [e.path] });
      setRemoving(undefined);
      setOpen(undefined);
      setNotice(`${e.path} was removed; the bundle was rebuilt without it.`);
      setTree(await api.bundleTree({ bundle }));
    } catch (err) {
      setError((err as Error).message);
      setRemoving(undefined);
    } finally {
      setRebuilding(false);
    }
  }

  useEffect(() => {
    setTree(undefined);
    setOpen(undefined);
    setError(undefined);
    if (bundle) api.bundleTree({ bundle }).then(setTree, (e: Error) => setError(e.message));
  }, [bundle]);

  if (!bundle)
    return (
      <Stack maw={640}>
        <Title order={2}>Review</Title>
        <Text>
          There is no bundle to review yet. Collect one first, or open a bundle made earlier.
        </Text>
        <Group>
          <Button onClick={props.onCollect}>Go to Collect</Button>
          <Button variant="default" onClick={() => setPick(true)}>
            Open a bundle file…
          </Button>
        </Group>
        <HostPicker
          opened={pick}
          mode="file"
          title="Open a bundle"
          onClose={() => setPick(false)}
          onPick={(p) => {
            setPick(false);
            setBundle(p);
          }}
        />
      </Stack>
    );

  const totals = Object.entries(tree?.redactionTotals ?? {}).sort((a, b) => b[1] - a[1]);
  const images = tree?.entries.filter((e) => e.view === 'image') ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Review what will be sent</Title>
          <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {bundle}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => setPick(true)}>
            Open another bundle…
          </Button>
          <Button onClick={props.onSubmit} disabled={!tree}>
            Continue to Submit
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" title="Something went wrong">
          {error}
        </Alert>
      )}
      {notice && (
        <Alert color="teal" withCloseButton onClose={() => setNotice(undefined)} role="status">
          {notice}
        </Alert>
      )}
      {tree && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Redaction summary">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {tree.entries.length} files, {formatBytes(tree.size)} to send.
            </Text>
            <Text size="sm">Redactions by rule:</Text>
            {totals.length === 0 ? (
              <Text size="sm" c="dimmed">
                none
              </Text>
            ) : (
              totals.map(([rule, n]) => (
                <Badge key={rule} color="yellow" variant="light" tt="none">
                  {rule}: {n}
                </Badge>
              ))
            )}
          </Group>
        </Paper>
      )}
      {tree && tree.missing.length > 0 && (
        <Paper withBorder radius="md" p="md" component="section" aria-label="Not collected">
          <Title order={2} size="h5" mb="xs">
            Not collected ({tree.missing.length})
          </Title>
          <Table fz="sm" striped>
            <Table.Tbody>
              {tree.missing.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {m.source}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={m.status === 'failed' ? 'red' : 'gray'}>
                      {m.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{m.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {tree && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <Paper withBorder radius="md" p="sm">
                <SearchPanel
                  bundle={bundle}
                  onOpen={(hit, q) => {
                    setQuery(q);
                    setOpen(tree.entries.find((e) => e.path === hit.path));
                  }}
                />
              </Paper>
              <Paper withBorder radius="md" p="sm" component="nav" aria-label="Bundle files">
                <BundleTree
                  entries={tree.entries}
                  selected={open?.path}
                  onSelect={(e) => {
                    setQuery(undefined);
                    setOpen(e);
                  }}
                />
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              {open ? (
                <EntryViewer
                  bundle={bundle}
                  entry={open}
                  query={query}
                  {...(META.has(open.path) ? {} : { onRemove: () => setRemoving(open) })}
                />
              ) : (
                <Paper withBorder radius="md" p="md">
                  <Text c="dimmed">
                    Choose a file in the tree to see exactly what will be sent, with each redaction
                    highlighted.
                  </Text>
                </Paper>
              )}
              <Thumbnails bundle={bundle} entries={images} onOpen={setOpen} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      <HostPicker
        opened={pick}
        mode="file"
        title="Open a bundle"
        onClose={() => setPick(false)}
        onPick={(p) => {
          setPick(false);
          setBundle(p);
        }}
      />
      <Modal
        opened={removing !== undefined}
        onClose={() => setRemoving(undefined)}
        title="Remove from the bundle?"
      >
        <Stack>
          <Text size="sm">
            <Code>{removing?.path}</Code> will not be sent. The bundle is rebuilt without it, and
            its manifest records that you removed it before sending.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(undefined)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={rebuilding}
              onClick={() => removing && void remove(removing)}
            >
              Remove and rebuild
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
