// Adding a screenshot: capture a screen or window of this host (desktop app: desktopCapturer; a
// server with a display: X11 tools) or take an image file, preview it, black out regions, add it.
import {
  Alert,
  Button,
  FileButton,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScreenSources } from '../../../core/common/api/media.js';
import { api } from '../api/api.js';
import { blackOut, RedactImage, type Region } from './redact-image.js';

interface Pending {
  src: string;
  name: string;
}

function readAsDataUrl(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error(`cannot read ${f.name}`));
    r.readAsDataURL(f);
  });
}

export function ScreenshotDialog(props: { opened: boolean; onClose(): void; onAdded(): void }) {
  const [sources, setSources] = useState<ScreenSources>();
  const [sourceId, setSourceId] = useState('');
  const [pending, setPending] = useState<Pending>();
  const [regions, setRegions] = useState<Region[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!props.opened) return;
    setPending(undefined);
    setRegions([]);
    setError(undefined);
    api.screenSources({}).then(
      (s) => {
        setSources(s);
        setSourceId(s.sources[0]?.id ?? '');
      },
      (e: Error) => setError(e.message),
    );
  }, [props.opened]);

  async function capture() {
    setBusy(true);
    setError(undefined);
    try {
      const c = await api.captureScreen({ sourceId });
      const name = sources?.sources.find((s) => s.id === sourceId)?.name ?? 'screen';
      setPending({ src: `data:image/png;base64,${c.png}`, name: `${name}.png` });
      setRegions([]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function add() {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      const base64 = await blackOut(pending.src, regions);
      await api.addScreenshot({ name: pending.name, base64 });
      props.onAdded();
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Add a screenshot" size="xl">
      <Stack>
        {!pending && (
          <>
            {sources === undefined && <Loader size="sm" aria-label="Looking for screens" />}
            {sources && !sources.available && (
              <Alert color="gray" title="This computer cannot take a screenshot here">
                {sources.reason} You can still add an image file.
              </Alert>
            )}
            {sources?.available && (
              <Group align="flex-end">
                <NativeSelect
                  label="Screen or window to capture"
                  value={sourceId}
                  onChange={(e) => setSourceId(e.currentTarget.value)}
                  data={sources.sources.map((s) => ({
                    value: s.id,
                    label: s.kind === 'screen' ? s.name : `Window: ${s.name}`,
                  }))}
                  style={{ flex: 1 }}
                />
                <Button onClick={() => void capture()} loading={busy} disabled={!sourceId}>
                  Capture
                </Button>
              </Group>
            )}
            <Group>
              <Text size="sm">Or choose an image file (PNG, JPEG, GIF, WebP):</Text>
              <FileButton
                accept="image/png,image/jpeg,image/gif,image/webp"
                onChange={(f) => {
                  if (f)
                    void readAsDataUrl(f).then(
                      (src) => setPending({ src, name: f.name }),
                      (e: Error) => setError(e.message),
                    );
                }}
              >
                {(p) => (
                  <Button variant="default" {...p}>
                    Choose image file…
                  </Button>
                )}
              </FileButton>
            </Group>
          </>
        )}
        {pending && (
          <>
            <TextInput
              label="Screenshot name"
              value={pending.name}
              onChange={(e) => setPending({ ...pending, name: e.currentTarget.value })}
            />
            <RedactImage src={pending.src} regions={regions} onChange={setRegions} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setPending(undefined)}>
                Back
              </Button>
              <Button onClick={() => void add()} loading={busy} disabled={!pending.name.trim()}>
                Add screenshot
              </Button>
            </Group>
          </>
        )}
        {error && <Alert color="red">{error}</Alert>}
      </Stack>
    </Modal>
  );
}
