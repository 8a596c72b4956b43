// Settings: the same file the CLI reads (its path is shown), edited one value at a time, each
// checked by the service before it is written. Secrets are never typed here as values in the
// file: targets refer to an environment variable, a 0600 file, or the desktop app's secure storage.
import { Alert, Button, Code, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../core/common/api/app.js';
import { api } from '../api/api.js';
import { useAppState } from '../state/app-state.js';
import { TargetsSettings } from '../components/targets-settings.js';
import { Section } from '../components/section.js';

/** A form over a few settings keys, saved together. */
function KeysForm(props: {
  view: SettingsView;
  fields: Array<{
    path: string[];
    label: string;
    description?: string;
    list?: boolean;
    placeholder?: string;
  }>;
  onSaved(v: SettingsView): void;
}) {
  const read = (p: string[]) => {
    let v: unknown = props.view.settings;
    for (const k of p)
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return Array.isArray(v) ? v.join('\n') : v === undefined ? '' : String(v);
  };
  const [values, setValues] = useState(() => props.fields.map((f) => read(f.path)));
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    setMsg(undefined);
    try {
      let v = props.view;
      for (const [i, f] of props.fields.entries()) {
        const raw = values[i]!.trim();
        const value =
          raw === ''
            ? null
            : f.list
              ? raw
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : raw;
        if (read(f.path) !== values[i]) v = await api.setSetting({ path: f.path, value });
      }
      props.onSaved(v);
      setMsg({ ok: true, text: 'Saved.' });
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      {props.fields.map((f, i) =>
        f.list ? (
          <Textarea
            key={f.path.join('.')}
            label={f.label}
            description={f.description}
            autosize
            minRows={2}
            value={values[i]}
            placeholder={f.placeholder}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((xs) => xs.map((x, j) => (j === i ? v : x)));
            }}
          />
        ) : (
          <TextInput
            key={f.path.join('.')}
            label={f.label}
            description={f.description}
            value={values[i]}
            placeholder={f.placeholder}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((xs) => xs.map((x, j) => (j === i ? v : x)));
            }}
          />
        ),
      )}
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          Save
        </Button>
        {msg && (
          <Text size="sm" c={msg.ok ? 'teal' : 'red'} role="status">
            {msg.text}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

export function SettingsScreen() {
  const { info } = useAppState();
  const [view, setView] = useState<SettingsView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.getSettings({}).then(setView, (e: Error) => setError(e.message));
  }, []);

  return (
    <Stack gap="md" maw={900}>
      <div>
        <Title order={2}>Settings</Title>
        <Text size="sm">
          Stored in <Code>{info.settingsFile}</Code>, the same file the <Code>casepack</Code>{' '}
          command uses.
        </Text>
      </div>
      {error && (
        <Alert color="red" title="The settings file cannot be read">
          {error}
        </Alert>
      )}
      {view && (
        <>
          <Section title="Contact" description="Filled into every new case.">
            <KeysForm
              view={view}
              onSaved={setView}
              fields={[
                { path: ['contact', 'name'], label: 'Contact name' },
                { path: ['contact', 'email'], label: 'Contact e-mail' },
                { path: ['contact', 'phone'], label: 'Contact phone' },
                { path: ['contact', 'organization'], label: 'Organisation' },
              ]}
            />
          </Section>
          <TargetsSettings view={view} onSaved={setView} />
          <Section
            title="Proxy and network"
            description="Used when a case is sent to a server. Without a proxy here, the HTTP(S)_PROXY and NO_PROXY environment variables apply."
          >
            <KeysForm
              view={view}
              onSaved={setView}
              fields={[
                {
                  path: ['network', 'proxy'],
                  label: 'Proxy',
                  placeholder: 'http://proxy.example.com:3128',
                },
                {
                  path: ['network', 'noProxy'],
                  label: 'No proxy for',
                  placeholder: 'localhost,.internal.example.com',
                },
                {
                  path: ['network', 'caFile'],
                  label: 'Extra CA certificates (PEM file)',
                  placeholder: '/etc/ssl/certs/company-ca.pem',
                },
              ]}
            />
          </Section>
          <Section
            title="Folders casepack may use"
            description="Where files may be attached from and bundles exported to, one folder per line. Empty: your home folder, the temporary folders and removable media."
          >
            <KeysForm
              view={view}
              onSaved={setView}
              fields={[{ path: ['ui', 'allowedPaths'], label: 'Allowed folders', list: true }]}
            />
          </Section>
        </>
      )}
    </Stack>
  );
}
