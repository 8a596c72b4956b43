// Where cases go: the submission targets of the settings file. Secrets are references only (an
// environment variable, a 0600 file, or in the desktop app its secure storage), never values.
import {
  Alert,
  PasswordInput,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../core/common/api/app.js';
import type { AppSecrets } from '../../../core/common/api/secrets.js';
import { api } from '../api/api.js';

type Field = {
  key: string;
  label: string;
  placeholder?: string;
  secret?: boolean;
  number?: boolean;
};

const TYPES: Record<string, { label: string; fields: Field[] }> = {
  folder: {
    label: 'Folder or removable media',
    fields: [{ key: 'path', label: 'Folder', placeholder: '/media/usb' }],
  },
  rt: {
    label: 'Request Tracker',
    fields: [
      { key: 'url', label: 'Request Tracker address', placeholder: 'https://rt.vendor.example' },
      { key: 'queue', label: 'Queue', placeholder: 'Support-L1' },
      { key: 'token', label: 'API token', secret: true },
    ],
  },
  sftp: {
    label: 'SFTP drop box',
    fields: [
      { key: 'host', label: 'SFTP host' },
      { key: 'port', label: 'SFTP port', placeholder: '22', number: true },
      { key: 'user', label: 'SFTP user' },
      { key: 'privateKey', label: 'Private key', secret: true },
      { key: 'hostKey', label: 'Host key (pinned)', placeholder: 'ssh-ed25519 AAAA…' },
      { key: 'dir', label: 'Remote folder', placeholder: '/upload' },
    ],
  },
  smtp: {
    label: 'E-mail (SMTP)',
    fields: [
      { key: 'host', label: 'Mail server' },
      { key: 'port', label: 'Mail server port', placeholder: '25', number: true },
      { key: 'from', label: 'From address' },
      { key: 'to', label: 'To address' },
      { key: 'subjectTag', label: 'Subject tag', placeholder: 'vendor.example' },
    ],
  },
};

function describe(t: Record<string, unknown>): string {
  const s = (k: string) =>
    typeof t[k] === 'string' || typeof t[k] === 'number' ? String(t[k]) : '';
  switch (t.type) {
    case 'folder':
      return s('path');
    case 'rt':
      return `${s('url')} queue ${s('queue')}`;
    case 'sftp':
      return `${s('user')}@${s('host')}:${s('dir')}`;
    case 'smtp':
      return `${s('to')} via ${s('host')}`;
    default:
      return '';
  }
}

export function TargetsSettings(props: { view: SettingsView; onSaved(v: SettingsView): void }) {
  const targets = props.view.settings.targets ?? {};
  const [type, setType] = useState('folder');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [secretValues, setSecretValues] = useState<Record<string, string>>({});
  const [secure, setSecure] = useState<AppSecrets>();
  useEffect(() => {
    void api.listAppSecrets({}).then(setSecure);
  }, []);
  const [refKind, setRefKind] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(f: () => Promise<SettingsView>) {
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(await f());
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add() {
    // Values for the app's secure storage are stored there first; the settings keep the name.
    for (const f of TYPES[type]!.fields)
      if (f.secret && refKind[f.key] === 'keychain' && values[f.key]?.trim() && secretValues[f.key])
        if (
          !(await run(async () => {
            await api.setAppSecret({ name: values[f.key]!.trim(), value: secretValues[f.key]! });
            return props.view;
          }))
        )
          return;
    const t: Record<string, unknown> = { type };
    for (const f of TYPES[type]!.fields) {
      const v = values[f.key]?.trim();
      if (!v) continue;
      t[f.key] = f.secret ? { [refKind[f.key] ?? 'env']: v } : f.number ? Number(v) : v;
    }
    if (await run(() => api.setSetting({ path: ['targets', name.trim()], value: t }))) {
      setName('');
      setValues({});
      setSecretValues({});
    }
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Targets">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            Targets
          </Title>
          <Text size="sm" c="dimmed">
            Where a case is sent. Passwords and tokens are not stored here: name the environment
            variable or the file (readable by you only) that holds them.
          </Text>
        </div>
        {Object.keys(targets).length > 0 ? (
          <Table fz="sm" aria-label="Configured targets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(targets).map(([n, t]) => (
                <Table.Tr key={n}>
                  <Table.Td fw={600}>{n}</Table.Td>
                  <Table.Td>{TYPES[t.type]?.label ?? t.type}</Table.Td>
                  <Table.Td ff="monospace">{describe(t)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove target ${n}`}
                      loading={busy}
                      onClick={() =>
                        void run(() => api.setSetting({ path: ['targets', n], value: null }))
                      }
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">
            No targets yet. Without one, a bundle can still be exported to a folder.
          </Text>
        )}
        {Object.keys(targets).length > 0 && (
          <NativeSelect
            label="Default target"
            value={props.view.settings.defaultTarget ?? ''}
            data={[{ value: '', label: 'None' }, ...Object.keys(targets)]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              void run(() => api.setSetting({ path: ['defaultTarget'], value: v || null }));
            }}
          />
        )}
        <Title order={3} size="h5">
          Add a target
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Target name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            placeholder="vendor-rt"
          />
          <NativeSelect
            label="Target kind"
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            data={Object.entries(TYPES).map(([value, t]) => ({ value, label: t.label }))}
          />
          {TYPES[type]!.fields.map((f) =>
            f.secret ? (
              <Group key={f.key} grow align="flex-end" wrap="nowrap">
                <NativeSelect
                  label={`${f.label}: kept in`}
                  value={refKind[f.key] ?? 'env'}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setRefKind((r) => ({ ...r, [f.key]: v }));
                  }}
                  data={[
                    { value: 'env', label: 'Environment variable' },
                    { value: 'file', label: 'File (mode 0600)' },
                    ...(secure?.available
                      ? [{ value: 'keychain', label: "This app's secure storage" }]
                      : []),
                  ]}
                />
                <TextInput
                  label={`${f.label}: ${refKind[f.key] === 'file' ? 'file path' : 'name'}`}
                  value={values[f.key] ?? ''}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setValues((x) => ({ ...x, [f.key]: v }));
                  }}
                />
                {refKind[f.key] === 'keychain' && (
                  <PasswordInput
                    label={`${f.label}: value to store`}
                    value={secretValues[f.key] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setSecretValues((x) => ({ ...x, [f.key]: v }));
                    }}
                  />
                )}
              </Group>
            ) : (
              <TextInput
                key={f.key}
                label={f.label}
                placeholder={f.placeholder}
                value={values[f.key] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((x) => ({ ...x, [f.key]: v }));
                }}
              />
            ),
          )}
        </SimpleGrid>
        {error && <Alert color="red">{error}</Alert>}
        <Group>
          <Button onClick={() => void add()} disabled={!name.trim()} loading={busy}>
            Add target
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
