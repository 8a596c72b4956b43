// One bundle entry as the user checks it before sending: text with every redaction highlighted
// and counted per rule, configuration diffs as diffs, images as images.
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { EntryImage, EntryText, TreeEntry } from '../../../core/common/api/review.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';
import { segments } from './highlight.js';

function DiffText({ text }: { text: string }) {
  return (
    <pre className="entry-text" data-testid="diff-view">
      {text.split('\n').map((line, i) => {
        const color =
          line.startsWith('+') && !line.startsWith('+++')
            ? 'var(--mantine-color-green-1)'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'var(--mantine-color-red-1)'
              : line.startsWith('@@')
                ? 'var(--mantine-color-blue-0)'
                : undefined;
        return (
          <div key={i} style={{ background: color }}>
            {line || ' '}
          </div>
        );
      })}
    </pre>
  );
}

export function EntryViewer(props: {
  bundle: string;
  entry: TreeEntry;
  query?: string;
  onRemove?(): void;
}) {
  const [text, setText] = useState<EntryText>();
  const [image, setImage] = useState<EntryImage>();
  const [error, setError] = useState<string>();
  const [more, setMore] = useState(false);
  const firstHit = useRef<HTMLElement>(null);

  useEffect(() => {
    setText(undefined);
    setImage(undefined);
    setError(undefined);
    const { bundle, entry } = props;
    if (entry.view === 'image')
      api.readImage({ bundle, path: entry.path }).then(setImage, (e: Error) => setError(e.message));
    else if (entry.view !== 'binary')
      api.readEntry({ bundle, path: entry.path }).then(setText, (e: Error) => setError(e.message));
  }, [props.bundle, props.entry]);

  useEffect(() => {
    firstHit.current?.scrollIntoView({ block: 'center' });
  }, [text, props.query]);

  async function loadMore() {
    if (!text) return;
    setMore(true);
    try {
      const next = await api.readEntry({
        bundle: props.bundle,
        path: text.path,
        offset: text.offset + new TextEncoder().encode(text.text).length,
      });
      const shift = text.text.length;
      setText({
        ...next,
        offset: text.offset,
        text: text.text + next.text,
        marks: [
          ...text.marks,
          ...next.marks.map((m) => ({ ...m, start: m.start + shift, end: m.end + shift })),
        ],
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setMore(false);
    }
  }

  const counts = Object.entries(props.entry.redactions);
  return (
    <Paper withBorder radius="md" p="md" aria-label={`Entry ${props.entry.path}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {props.entry.path}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {formatBytes(props.entry.size)}
              {props.entry.source ? ` · from ${props.entry.source}` : ''}
            </Text>
            {props.onRemove && (
              <Button size="xs" variant="light" color="red" onClick={props.onRemove}>
                Remove from bundle
              </Button>
            )}
          </Group>
        </Group>
        {props.entry.reason && (
          <Alert color="yellow" p="xs">
            {props.entry.status}: {props.entry.reason}
          </Alert>
        )}
        <Group gap={6} aria-label="Redactions in this entry">
          {counts.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing was redacted in this entry.
            </Text>
          ) : (
            counts.map(([rule, n]) => (
              <Badge key={rule} color="yellow" variant="light" tt="none">
                {rule}: {n}
              </Badge>
            ))
          )}
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {props.entry.view === 'binary' && (
          <Text size="sm" c="dimmed">
            Binary content ({formatBytes(props.entry.size)}) cannot be shown here; it is sent as it
            is.
          </Text>
        )}
        {image && (
          <Image
            src={`data:${image.mime};base64,${image.base64}`}
            alt={`Image ${props.entry.path}`}
            fit="contain"
            mah="60vh"
          />
        )}
        {!text && !image && !error && props.entry.view !== 'binary' && (
          <Loader size="sm" aria-label="Loading the entry" />
        )}
        {text && (
          <ScrollArea.Autosize mah="65vh" type="auto">
            {text.view === 'diff' ? (
              <DiffText text={text.text} />
            ) : text.view === 'binary' ? (
              <Text size="sm" c="dimmed">
                This entry holds binary data; it cannot be shown as text.
              </Text>
            ) : (
              <pre className="entry-text" data-testid="entry-text">
                {segments(text.text, text.marks, props.query).map((s, i) =>
                  s.mark ? (
                    <mark key={i} className="redaction" title={`removed by rule ${s.mark.rule}`}>
                      {s.text}
                    </mark>
                  ) : s.hit !== undefined ? (
                    <mark
                      key={i}
                      className="search-hit"
                      ref={s.hit === 0 ? (firstHit as React.Ref<HTMLElement>) : undefined}
                    >
                      {s.text}
                    </mark>
                  ) : (
                    <span key={i}>{s.text}</span>
                  ),
                )}
              </pre>
            )}
          </ScrollArea.Autosize>
        )}
        {text?.truncated && (
          <Group>
            <Code>
              {formatBytes(text.offset + new TextEncoder().encode(text.text).length)} of{' '}
              {formatBytes(text.size)} shown
            </Code>
            <Button size="xs" variant="default" loading={more} onClick={() => void loadMore()}>
              Show more
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
