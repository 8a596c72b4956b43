// Step 1: the case, as Level 1 needs it. Everything a customer must write is on one page; the
// checklist beside it says, as they type, what is still missing and why.
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { fieldNeeds } from '../../../core/common/case/rules.js';
import { caseSchema } from '../../../core/common/case/schema.js';
import { api } from '../api/api.js';
import { CaseChoice, CaseField } from '../components/field.js';
import { Checklist } from '../components/checklist.js';
import { DraftFilesSection } from '../components/draft-files.js';
import { SeverityPicker } from '../components/severity-picker.js';
import { getField } from '../state/case-draft.js';
import { useAppState } from '../state/app-state.js';
import { Section } from '../components/section.js';

export function CaseScreen({ onContinue }: { onContinue(): void }) {
  const { draft, setDraftField, defs, notes } = useAppState();
  const [remember, setRemember] = useState(true);
  const [saveError, setSaveError] = useState<string>();
  const needs = useMemo(() => {
    const parsed = caseSchema.safeParse(draft);
    const m = new Map(
      fieldNeeds(parsed.success ? parsed.data : {}).map((n) => [n.key as string, n.need]),
    );
    return (k: string) => m.get(k);
  }, [draft]);
  const mode = getField(draft, 'mode') || 'new';
  const type = getField(draft, 'type');
  const typeInfo = defs.types.find((t) => t.key === type);

  async function next() {
    setSaveError(undefined);
    if (remember && draft.contact)
      try {
        const { onCall: _onCall, ...contact } = draft.contact;
        await api.contactSet({ contact });
      } catch (e) {
        setSaveError(`Your contact details could not be remembered: ${(e as Error).message}`);
        return;
      }
    onContinue();
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md">
          <Section title="New case or update">
            <SegmentedControl
              aria-label="New case or update"
              value={mode}
              onChange={(v) => setDraftField('mode', v === 'new' ? '' : v)}
              data={[
                { value: 'new', label: 'Open a new case' },
                { value: 'update', label: 'Add to an existing case' },
              ]}
            />
            {mode === 'update' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <CaseField k="caseNumber" need={needs('caseNumber')} />
                <CaseField k="referenceId" need={needs('referenceId')} />
              </SimpleGrid>
            )}
          </Section>

          <Section
            title="The problem"
            description="In your own words; error messages word for word."
          >
            <CaseField
              k="summary"
              need={needs('summary')}
              placeholder="e.g. Users cannot log in after the 5.2 update"
            />
            <CaseChoice
              k="type"
              need={needs('type')}
              empty="Choose the kind of case…"
              options={defs.types.map((t) => ({ value: t.key, label: t.label }))}
              description={
                typeInfo?.help ?? 'The case type decides who works on it and what they need.'
              }
            />
            <SeverityPicker need={needs('severity')} />
            <CaseField k="description" need={needs('description')} multiline />
            <CaseField k="stepsToReproduce" need={needs('stepsToReproduce')} multiline />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CaseField k="expected" need={needs('expected')} multiline />
              <CaseField k="actual" need={needs('actual')} multiline />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CaseField k="startedAt" need={needs('startedAt')} placeholder="2026-11-27 09:30" />
              <CaseChoice
                k="frequency"
                need={needs('frequency')}
                empty="Not known"
                options={defs.frequencies.map((f) => ({ value: f.key, label: f.label }))}
              />
            </SimpleGrid>
            <CaseField
              k="recentChanges"
              need={needs('recentChanges')}
              multiline
              placeholder="Updates, new settings, certificates, moved servers…"
            />
            <CaseField k="businessImpact" need={needs('businessImpact')} multiline />
          </Section>

          <Section title="Contact" description="Whom Level 1 talks to about this case.">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CaseField k="contact.name" need={needs('contact.name')} />
              <CaseField k="contact.email" need={needs('contact.email')} type="email" />
              <CaseField k="contact.phone" need={needs('contact.phone')} type="tel" />
              <CaseField k="contact.organization" need={needs('contact.organization')} />
              <CaseChoice
                k="contact.preferredChannel"
                need={needs('contact.preferredChannel')}
                empty="No preference"
                options={defs.channels.map((c) => ({ value: c.key, label: c.label }))}
              />
              <CaseField k="contact.timeZone" need={needs('contact.timeZone')} />
            </SimpleGrid>
            {getField(draft, 'severity') === 'P1' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <CaseField k="contact.onCall.name" need={needs('contact.onCall.name')} />
                <CaseField
                  k="contact.onCall.phone"
                  need={needs('contact.onCall.phone')}
                  type="tel"
                />
              </SimpleGrid>
            )}
            <Checkbox
              label="Remember my contact details on this computer for the next case"
              checked={remember}
              onChange={(e) => setRemember(e.currentTarget.checked)}
            />
          </Section>

          <Section
            title="Product and platform"
            description="Filled in from what casepack detected on this server; correct anything that is wrong."
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CaseField k="product.name" need={needs('product.name')} />
              <CaseField k="product.version" need={needs('product.version')} />
              <CaseField k="product.patches" need={needs('product.patches')} />
              <CaseField k="platform.os" need={needs('platform.os')} />
              <CaseField k="platform.version" need={needs('platform.version')} />
              <CaseField k="platform.architecture" need={needs('platform.architecture')} />
              <CaseField k="platform.javaVersion" need={needs('platform.javaVersion')} />
            </SimpleGrid>
            {notes.length > 0 && (
              <Text size="xs" c="dimmed">
                {notes.join(' ')}
              </Text>
            )}
          </Section>

          <DraftFilesSection />

          {saveError && <Alert color="red">{saveError}</Alert>}
          <Group justify="flex-end">
            <Button size="md" onClick={() => void next()}>
              Continue to Collect
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <div style={{ position: 'sticky', top: 16 }}>
          <Checklist />
        </div>
      </Grid.Col>
    </Grid>
  );
}
