// Severity with each definition right beside its choice, so the user picks by meaning, not by
// number (the definitions come from the case model).
import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import type { Need } from '../../../core/common/case/rules.js';
import { getField } from '../state/case-draft.js';
import { useAppState } from '../state/app-state.js';
import { fieldId } from './field.js';

export function SeverityPicker({ need }: { need?: Need }) {
  const { draft, setDraftField, defs } = useAppState();
  return (
    <Radio.Group
      id={fieldId('severity')}
      label="Severity"
      aria-label="Severity"
      description="How badly the problem affects your business. Support responds by severity."
      withAsterisk={need === 'required'}
      value={getField(draft, 'severity')}
      onChange={(v) => setDraftField('severity', v)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {defs.severities.map((s) => (
          <Radio.Card key={s.key} value={s.key} radius="md" p="sm" aria-label={s.label}>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <div>
                <Text fw={600} size="sm">
                  {s.label}
                </Text>
                <Text size="sm" c="dimmed">
                  {s.definition}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
