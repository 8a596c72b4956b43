// Screenshots and files the user adds to the case by hand (they go to screenshots/ and
// attachments/ in the bundle), with thumbnails and a way to take each back out.
import {
  Alert,
  Button,
  Card,
  CloseButton,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DraftFile } from '../../../core/common/api/media.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';
import { HostPicker } from './host-picker.js';
import { ScreenshotDialog } from './screenshot-dialog.js';

function Thumb({ file }: { file: DraftFile }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (file.kind === 'screenshot')
      void api
        .readDraftImage({ id: file.id })
        .then((i) => setSrc(`data:${i.mime};base64,${i.base64}`));
  }, [file]);
  if (file.kind !== 'screenshot')
    return (
      <Text size="xs" c="dimmed" ff="monospace" lineClamp={2}>
        {file.source}
      </Text>
    );
  return src ? <Image src={src} alt={`Screenshot ${file.name}`} h={90} fit="contain" /> : null;
}

export function DraftFilesSection() {
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [shot, setShot] = useState(false);
  const [pick, setPick] = useState(false);
  const [error, setError] = useState<string>();
  const reload = useCallback(() => void api.draftFiles({}).then(setFiles), []);
  useEffect(reload, [reload]);

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label="Screenshots and attachments"
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            Screenshots and attachments
          </Title>
          <Text size="sm" c="dimmed">
            What you see on screen, a small test case, an export: added to the bundle as they are.
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="light" onClick={() => setShot(true)}>
            Add a screenshot
          </Button>
          <Button variant="light" onClick={() => setPick(true)}>
            Attach a file from this server
          </Button>
        </Group>
        {error && (
          <Alert color="red" withCloseButton onClose={() => setError(undefined)}>
            {error}
          </Alert>
        )}
        {files.length > 0 && (
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm">
            {files.map((f) => (
              <Card key={f.id} withBorder padding="xs" radius="sm">
                <Group justify="space-between" wrap="nowrap" gap={4}>
                  <Text size="sm" fw={600} truncate>
                    {f.name}
                  </Text>
                  <CloseButton
                    aria-label={`Remove ${f.name}`}
                    onClick={() =>
                      void api
                        .removeDraftFile({ id: f.id })
                        .then(setFiles, (e: Error) => setError(e.message))
                    }
                  />
                </Group>
                <Text size="xs" c="dimmed">
                  {f.kind === 'screenshot' ? 'Screenshot' : 'Attachment'} · {formatBytes(f.size)}
                </Text>
                <Thumb file={f} />
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <ScreenshotDialog opened={shot} onClose={() => setShot(false)} onAdded={reload} />
      <HostPicker
        opened={pick}
        mode="file"
        title="Attach a file from this server"
        onClose={() => setPick(false)}
        onPick={(p) => {
          setPick(false);
          api.addAttachment({ path: p }).then(reload, (e: Error) => setError(e.message));
        }}
      />
    </Paper>
  );
}
