// Collect, before the run: which profiles and time window, then the plan they give on this host
// (every item with its estimated size, what will be left out and why), with items to switch off.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlanArgs, ProfileInfo } from '../../../core/common/api/collect.js';
import type { Plan, PlanItem } from '../../../core/common/collect/plan.js';
import { api } from '../api/api.js';
import { formatBytes } from '../format.js';
import { HostPicker } from './host-picker.js';

/** Items shown per profile entry; the rest are switched on or off with their group. */
const SHOWN_PER_GROUP = 100;

export interface PlanChoice {
  args: PlanArgs;
  systemReport: boolean;
}

/** What the user chose: profiles (shipped names and files on the host) and the window. */
export function PlanForm(props: { busy: boolean; onPlan(c: PlanChoice): void }) {
  const [shipped, setShipped] = useState<ProfileInfo[]>([]);
  const [names, setNames] = useState<string[]>([]);
  const [file, setFile] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [systemReport, setSystemReport] = useState(true);
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    void api.listProfiles({}).then((r) => setShipped(r.profiles));
  }, []);

  const profiles = [...names, ...(file.trim() ? [file.trim()] : [])];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="What to collect">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onPlan({
            args: {
              ...(profiles.length ? { profiles } : {}),
              ...(since.trim() ? { since: since.trim() } : {}),
              ...(until.trim() ? { until: until.trim() } : {}),
            },
            systemReport,
          });
        }}
      >
        <Stack gap="sm">
          <MultiSelect
            label="Shipped profiles"
            description="Empty: the profiles named in the settings, else linux-host."
            data={shipped.map((p) => ({
              value: p.name,
              label: `${p.name}${p.applies ? '' : ' (does not seem to apply here)'}`,
            }))}
            value={names}
            onChange={setNames}
            clearable
            searchable
          />
          <Group align="end" gap="xs" wrap="nowrap">
            <TextInput
              label="Profile file"
              description="A profile YAML on this host (optional)."
              value={file}
              onChange={(e) => setFile(e.currentTarget.value)}
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button variant="default" onClick={() => setPicking(true)}>
              Browse…
            </Button>
          </Group>
          <Group grow align="start">
            <TextInput
              label="Since"
              description="24h, 7d or a date and time; empty: the settings' default (else 72h)."
              value={since}
              onChange={(e) => setSince(e.currentTarget.value)}
            />
            <TextInput
              label="Until"
              description="Empty: now."
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
            />
          </Group>
          <Switch
            label="Include the system report"
            checked={systemReport}
            onChange={(e) => setSystemReport(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={props.busy}>
              Show the plan
            </Button>
          </Group>
        </Stack>
      </form>
      <HostPicker
        opened={picking}
        mode="file"
        title="Choose a profile file"
        onClose={() => setPicking(false)}
        onPick={(p) => {
          setFile(p);
          setPicking(false);
        }}
      />
    </Paper>
  );
}

/** What an item is, for a person: the file path or the command line. */
export function itemLabel(i: PlanItem): string {
  if (i.type === 'command') return 'argv' in i && i.argv ? i.argv.join(' ') : i.source;
  return i.source;
}

function groupsOf(plan: Plan): [string, PlanItem[]][] {
  const g = new Map<string, PlanItem[]>();
  for (const i of plan.items) {
    const key = `${i.profile} · ${i.spec}`;
    g.set(key, [...(g.get(key) ?? []), i]);
  }
  return [...g];
}

function ItemRow(props: { item: PlanItem; off: boolean; toggle(on: boolean): void }) {
  const i = props.item;
  const label = itemLabel(i);
  return (
    <Table.Tr>
      <Table.Td w={40}>
        {i.action === 'collect' && (
          <Checkbox
            aria-label={`Collect ${label}`}
            checked={!props.off}
            onChange={(e) => props.toggle(e.currentTarget.checked)}
          />
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {label}
        </Text>
        {i.action === 'skip' && (
          <Text size="xs" c="dimmed">
            <Badge size="xs" color={i.status === 'failed' ? 'red' : 'gray'} mr={4}>
              {i.status}
            </Badge>
            {i.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" w={110}>
        <Text size="sm" c={props.off ? 'dimmed' : undefined}>
          {i.action === 'collect' ? formatBytes(i.estimatedBytes) : '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The plan with a checkbox per item (and per profile entry); `off` holds the switched-off ids. */
export function PlanView(props: {
  plan: Plan;
  off: ReadonlySet<string>;
  setOff(off: Set<string>): void;
  onStart(): void;
  /** Move the focus to the plan (it was just made): the button that asked for it is busy or gone. */
  focus?: boolean;
}) {
  const { plan, off } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.focus();
  }, [plan, props.focus]);
  const groups = useMemo(() => groupsOf(plan), [plan]);
  const chosen = plan.items.filter((i) => i.action === 'collect' && !off.has(i.id));
  const bytes = chosen.reduce((n, i) => n + (i.action === 'collect' ? i.estimatedBytes : 0), 0);
  const set = (ids: string[], on: boolean) => {
    const next = new Set(off);
    for (const id of ids) {
      if (on) next.delete(id);
      else next.add(id);
    }
    props.setOff(next);
  };
  const zone = plan.window.timezone;
  const when = (iso: string) => new Date(iso).toLocaleString(undefined, { timeZone: zone });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="The plan">
      <Stack gap="sm">
        <Group justify="space-between" align="start">
          <div>
            <Title order={2} size="h4" ref={heading} tabIndex={-1}>
              The plan for {plan.host}
            </Title>
            <Text size="sm">
              Logs from {when(plan.window.since)} to {when(plan.window.until)} ({zone})
            </Text>
          </div>
          <Text size="sm" aria-live="polite">
            {chosen.length} of {plan.totals.files + plan.totals.commands} items · about{' '}
            {formatBytes(bytes)} (at most)
          </Text>
        </Group>
        {plan.profiles.map((p) => (
          <Group key={p.name} gap="xs">
            <Badge color={p.applies ? 'teal' : 'orange'}>{p.name}</Badge>
            <Text size="sm" c="dimmed">
              {p.appliesReason}
            </Text>
          </Group>
        ))}
        {plan.items.length === 0 && (
          <Alert color="orange">These profiles find nothing to collect on this host.</Alert>
        )}
        {groups.map(([name, items]) => {
          const ids = items.filter((i) => i.action === 'collect').map((i) => i.id);
          const offHere = ids.filter((id) => off.has(id)).length;
          return (
            <Stack key={name} gap={4}>
              <Group gap="xs">
                {ids.length > 0 ? (
                  <Checkbox
                    label={<Text fw={600}>{name}</Text>}
                    aria-label={`Collect everything of ${name}`}
                    checked={offHere === 0}
                    indeterminate={offHere > 0 && offHere < ids.length}
                    onChange={(e) => set(ids, e.currentTarget.checked)}
                  />
                ) : (
                  <Text fw={600}>{name}</Text>
                )}
                <Text size="xs" c="dimmed">
                  {items.length} {items.length === 1 ? 'item' : 'items'}
                </Text>
              </Group>
              <Table striped withRowBorders={false} verticalSpacing={2}>
                <Table.Tbody>
                  {items.slice(0, SHOWN_PER_GROUP).map((i) => (
                    <ItemRow
                      key={i.id}
                      item={i}
                      off={off.has(i.id)}
                      toggle={(on) => set([i.id], on)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
              {items.length > SHOWN_PER_GROUP && (
                <Text size="xs" c="dimmed">
                  and {items.length - SHOWN_PER_GROUP} more (the group's checkbox switches them
                  all).
                </Text>
              )}
            </Stack>
          );
        })}
        <Group>
          <Button onClick={props.onStart} disabled={chosen.length === 0}>
            Start collection
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
