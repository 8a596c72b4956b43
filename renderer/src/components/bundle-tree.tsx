// The bundle as a tree of folders and entries with their sizes; choosing an entry opens it.
import {
  Badge,
  getTreeExpandedState,
  Group,
  Text,
  Tree,
  useTree,
  type TreeNodeData,
} from '@mantine/core';
import { useMemo } from 'react';
import type { TreeEntry } from '../../../core/common/api/review.js';
import { formatBytes } from '../format.js';

interface Folder {
  size: number;
  children: Map<string, Folder | TreeEntry>;
}

function build(entries: TreeEntry[]): TreeNodeData[] {
  const root: Folder = { size: 0, children: new Map() };
  for (const e of entries) {
    const parts = e.path.split('/');
    let f = root;
    f.size += e.size;
    for (const p of parts.slice(0, -1)) {
      let next = f.children.get(`${p}/`) as Folder | undefined;
      if (!next) f.children.set(`${p}/`, (next = { size: 0, children: new Map() }));
      next.size += e.size;
      f = next;
    }
    f.children.set(parts.at(-1)!, e);
  }
  const toNodes = (f: Folder, prefix: string): TreeNodeData[] =>
    [...f.children.entries()]
      .sort(([a], [b]) => Number(b.endsWith('/')) - Number(a.endsWith('/')) || a.localeCompare(b))
      .map(([name, v]) =>
        'children' in v
          ? {
              value: `${prefix}${name}`,
              label: name,
              nodeProps: { size: v.size },
              children: toNodes(v, `${prefix}${name}`),
            }
          : { value: v.path, label: name, nodeProps: { size: v.size, entry: v } },
      );
  return toNodes(root, '');
}

export function BundleTree(props: {
  entries: TreeEntry[];
  selected?: string;
  onSelect(e: TreeEntry): void;
}) {
  const data = useMemo(() => build(props.entries), [props.entries]);
  // Every folder open: bundles are small enough to show whole, and nothing is hidden by default.
  const tree = useTree({ initialExpandedState: getTreeExpandedState(data, '*') });
  return (
    <Tree
      data={data}
      tree={tree}
      aria-label="Bundle contents"
      levelOffset="md"
      renderNode={({ node, expanded, hasChildren, elementProps }) => {
        const entry = node.nodeProps?.entry as TreeEntry | undefined;
        const redactions = entry ? Object.values(entry.redactions).reduce((a, b) => a + b, 0) : 0;
        return (
          <Group
            gap={6}
            wrap="nowrap"
            {...elementProps}
            onClick={(e) => {
              elementProps.onClick(e);
              if (entry) props.onSelect(entry);
            }}
            data-selected={entry && entry.path === props.selected ? true : undefined}
            style={{
              ...elementProps.style,
              background:
                entry && entry.path === props.selected
                  ? 'var(--mantine-color-indigo-0)'
                  : undefined,
              borderRadius: 4,
              paddingTop: 2,
              paddingBottom: 2,
              paddingRight: 4,
            }}
          >
            <Text size="sm" aria-hidden>
              {hasChildren ? (expanded ? '▾' : '▸') : '·'}
            </Text>
            <Text
              size="sm"
              ff={entry ? 'monospace' : undefined}
              fw={hasChildren ? 600 : 400}
              truncate
              style={{ flex: 1 }}
            >
              {node.label}
            </Text>
            {redactions > 0 && (
              <Badge size="xs" color="yellow" variant="light" title="redactions">
                {redactions}
              </Badge>
            )}
            {entry?.status && entry.status !== 'collected' && (
              // Truncated, or stopped part way (skipped by the user, failed): what is here is partial.
              <Badge
                size="xs"
                color={
                  entry.status === 'failed' ? 'red' : entry.status === 'skipped' ? 'gray' : 'orange'
                }
                variant="light"
                title={entry.reason}
              >
                {entry.status}
              </Badge>
            )}
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatBytes(node.nodeProps?.size as number)}
            </Text>
          </Group>
        );
      }}
    />
  );
}
