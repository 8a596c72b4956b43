// Step 4: send the reviewed bundle to a target (the case system, a drop box, e-mail), or export it
// to a folder for an air-gapped site. Live progress in the outbox; the receipt at the end.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Badge,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Receipt, TargetInfo } from '../../../core/common/api/submit.js';
import { api } from '../api/api.js';
import { useCaseCheck } from '../components/checklist.js';
import { HostPicker } from '../components/host-picker.js';
import { fieldLabel } from '../components/labels.js';
import { Outbox, useOutbox } from '../components/outbox.js';
import { ReceiptCard } from '../components/receipt-card.js';
import { inUiTerms } from '../components/ui-wording.js';
import { useAppState } from '../state/app-state.js';

const EXPORT = '__export__';

export function SubmitScreen(props: { onReview(): void; onCase?(): void }) {
  const { bundle, draft } = useAppState();
  const check = useCaseCheck();
  const [targets, setTargets] = useState<TargetInfo[]>();
  const [choice, setChoice] = useState<string>('');
  const [folder, setFolder] = useState('');
  const [keyFile, setKeyFile] = useState('');
  const [pick, setPick] = useState<'folder' | 'key'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [receipt, setReceipt] = useState<Receipt>();
  const [jobId, setJobId] = useState<string>();
  const [warnings, setWarnings] = useState<string[]>([]);
  const { jobs, reload } = useOutbox();

  // What the bundle lacks for this case (the warnings `casepack submit` prints): said before Send.
  useEffect(() => {
    if (!bundle) return;
    let live = true;
    api.submitWarnings({ bundle, case: draft as Record<string, unknown> }).then(
      (r) => live && setWarnings(r.warnings),
      () => live && setWarnings([]),
    );
    return () => {
      live = false;
    };
  }, [bundle, draft]);

  useEffect(() => {
    api.listTargets({}).then(
      (t) => {
        setTargets(t);
        setChoice(t.find((x) => x.isDefault)?.name ?? t[0]?.name ?? EXPORT);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  // The receipt of the job started here, once it is done.
  const job = useMemo(() => jobs.find((j) => j.id === jobId), [jobs, jobId]);
  useEffect(() => {
    if (!job) return;
    if (job.status === 'done' || job.status === 'partial') {
      const r =
        job.receipts.find((x) => x.file.endsWith('.zip') || x.file.endsWith('.gpg')) ??
        job.receipts[0];
      if (r) setReceipt(r);
      setBusy(false);
    } else if (job.status === 'failed' || job.status === 'cancelled') {
      setBusy(false);
      if (job.lastError) setError(job.lastError.message);
    }
  }, [job]);

  if (!bundle)
    return (
      <Stack maw={640}>
        <Title order={2}>Submit</Title>
        <Text>There is no bundle to send yet.</Text>
        <Group>
          <Button onClick={props.onReview}>Go to Review</Button>
        </Group>
      </Stack>
    );

  const incomplete = check.result && !check.result.complete;
  async function send() {
    setBusy(true);
    setError(undefined);
    setReceipt(undefined);
    try {
      if (choice === EXPORT) {
        const r = await api.exportBundle({
          bundle: bundle!,
          path: folder,
          ...(keyFile ? { encryptTo: keyFile } : {}),
        });
        setReceipt(r);
        setBusy(false);
        return;
      }
      const r = await api.submit({
        bundle: bundle!,
        target: choice,
        case: draft as Record<string, unknown>,
        wait: false,
      });
      setJobId(r.jobId);
      reload();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={980}>
      <div>
        <Title order={2}>Send the case</Title>
        <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {bundle}
        </Text>
      </div>
      {incomplete && (
        <Alert color="orange" title="The case is not complete yet">
          Level 1 still needs:{' '}
          {check.result!.missing.map((m) => fieldLabel(m.key, m.label)).join(', ')}.{' '}
          {props.onCase && (
            <Anchor component="button" type="button" onClick={props.onCase}>
              Complete the case
            </Anchor>
          )}{' '}
          An export to a folder works without it.
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert
          color="yellow"
          title="The bundle lacks what this case needs"
          data-testid="submit-warnings"
        >
          <Stack gap={4}>
            {warnings.map((w) => (
              <Text size="sm" key={w}>
                {inUiTerms(w)}
              </Text>
            ))}
            <Text size="sm" c="dimmed">
              You can still send it; Level 1 may ask for it.
            </Text>
          </Stack>
        </Alert>
      )}
      <Paper withBorder radius="md" p="md" component="section" aria-label="Where to send it">
        <Radio.Group
          label="Where to send it"
          value={choice}
          onChange={(v) => {
            setChoice(v);
            setReceipt(undefined);
            setError(undefined);
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {targets?.map((t) => (
              <Radio.Card key={t.name} value={t.name} p="sm" aria-label={`Target ${t.name}`}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <div>
                    <Group gap={6}>
                      <Text fw={600} size="sm">
                        {t.name}
                      </Text>
                      {t.isDefault && (
                        <Badge size="xs" variant="light">
                          default
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {t.type}: {t.where}
                    </Text>
                    {t.description && <Text size="xs">{t.description}</Text>}
                  </div>
                </Group>
              </Radio.Card>
            ))}
            <Radio.Card value={EXPORT} p="sm" aria-label="Export to a folder">
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600} size="sm">
                    Export to a folder
                  </Text>
                  <Text size="xs" c="dimmed">
                    For a site without network: the bundle, its .sha256 and a README, to carry out
                    on a USB stick.
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          </SimpleGrid>
        </Radio.Group>
        {choice === EXPORT && (
          <Stack gap="xs" mt="md">
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label="Export folder"
                value={folder}
                onChange={(e) => setFolder(e.currentTarget.value)}
                style={{ flex: 1 }}
                placeholder="/media/usb"
              />
              <Button variant="default" onClick={() => setPick('folder')}>
                Choose folder…
              </Button>
            </Group>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label="Encrypt to the vendor's OpenPGP key (optional)"
                value={keyFile}
                onChange={(e) => setKeyFile(e.currentTarget.value)}
                style={{ flex: 1 }}
                placeholder="/media/usb/vendor-key.asc"
              />
              <Button variant="default" onClick={() => setPick('key')}>
                Choose key file…
              </Button>
            </Group>
          </Stack>
        )}
        <Group mt="md">
          <Button
            size="md"
            onClick={() => void send()}
            loading={busy}
            disabled={
              !choice ||
              (choice === EXPORT ? !folder.trim() : !!incomplete || receipt !== undefined)
            }
          >
            {choice === EXPORT ? 'Export' : 'Send'}
          </Button>
        </Group>
      </Paper>
      {error && (
        <Alert color="red" title="Not sent">
          {error}
        </Alert>
      )}
      {receipt && (
        <ReceiptCard receipt={receipt} title={choice === EXPORT ? 'Exported' : 'Delivered'} />
      )}
      <Outbox jobs={jobs} reload={reload} />
      <HostPicker
        opened={pick !== undefined}
        mode={pick === 'key' ? 'file' : 'folder'}
        title={pick === 'key' ? "Choose the vendor's public key" : 'Choose the export folder'}
        onClose={() => setPick(undefined)}
        onPick={(p) => {
          if (pick === 'key') setKeyFile(p);
          else setFolder(p);
          setPick(undefined);
        }}
      />
    </Stack>
  );
}
