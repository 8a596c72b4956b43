// Search the whole bundle for a string (the company name, a colleague's name) before sending.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { SearchHit, SearchResult } from '../../../core/common/api/review.js';
import { api } from '../api/api.js';

export function SearchPanel(props: {
  bundle: string;
  onOpen(hit: SearchHit, query: string): void;
}) {
  const [query, setQuery] = useState('');
  const [exact, setExact] = useState(false);
  const [result, setResult] = useState<SearchResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run(e: React.FormEvent) {
    e.preventDefault();
    if (!query.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await api.searchBundle({ bundle: props.bundle, query: query.trim(), caseSensitive: exact }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const files = result ? new Set(result.hits.map((h) => h.path)).size : 0;
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(e) => void run(e)}
      role="search"
      aria-label="Search the bundle"
    >
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <TextInput
          label="Search the whole bundle"
          description="e.g. your company name, a colleague's name, a customer's name"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={busy}>
          Search
        </Button>
      </Group>
      <Checkbox
        label="Match upper and lower case exactly"
        checked={exact}
        onChange={(e) => setExact(e.currentTarget.checked)}
      />
      {error && <Alert color="red">{error}</Alert>}
      {result && (
        <Text size="sm" role="status">
          {result.hits.length === 0
            ? `"${result.query}" does not occur in the bundle (${result.entriesSearched} files searched).`
            : `"${result.query}" found ${result.hits.length}${result.truncated ? '+' : ''} times in ${files} file${files === 1 ? '' : 's'}.`}
        </Text>
      )}
      {result && result.hits.length > 0 && (
        <List
          size="sm"
          spacing={4}
          listStyleType="none"
          aria-label="Search results"
          style={{ maxHeight: 260, overflow: 'auto' }}
        >
          {result.hits.map((h, i) => (
            <List.Item key={i}>
              <UnstyledButton
                onClick={() => props.onOpen(h, result.query)}
                style={{ width: '100%' }}
              >
                <Text size="xs" ff="monospace" c="indigo">
                  {h.path}:{h.line}
                </Text>
                <Text size="xs" ff="monospace" truncate>
                  {h.before.length > 24 ? `…${h.before.slice(-24)}` : h.before}
                  <mark className="search-hit">{h.match}</mark>
                  {h.after}
                </Text>
              </UnstyledButton>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
