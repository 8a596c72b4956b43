// What Level 1 still needs for this case, live as the user types: the required fields that are
// missing (each with why L1 needs it, a click away from its field), what is recommended, and the
// artifacts a collection will have to bring for this case type.
import { Alert, Anchor, Badge, Card, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMemo } from 'react';
import { checkCase } from '../../../core/common/case/check.js';
import { artifactNeeds } from '../../../core/common/case/rules.js';
import { caseSchema } from '../../../core/common/case/schema.js';
import { useAppState } from '../state/app-state.js';
import { fieldId } from './field.js';
import { fieldLabel } from './labels.js';

function focusField(key: string): void {
  const el = document.getElementById(fieldId(key));
  const target = el?.matches('input, textarea, select')
    ? el
    : el?.querySelector('input, textarea, select');
  (target as HTMLElement | null)?.focus();
  el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

export function useCaseCheck() {
  const { draft } = useAppState();
  return useMemo(() => {
    const parsed = caseSchema.safeParse(draft);
    if (!parsed.success)
      return { error: parsed.error.issues[0]?.message ?? 'invalid case', result: undefined };
    return { result: checkCase(parsed.data), type: parsed.data.type };
  }, [draft]);
}

export function Checklist() {
  const check = useCaseCheck();
  if (!check.result)
    return (
      <Alert color="red" title="The case cannot be checked">
        {check.error}
      </Alert>
    );
  const { result, type } = check;
  const artifacts = artifactNeeds(type).filter((a) => a.need !== 'not-needed');
  return (
    <Card withBorder radius="md" padding="md" aria-labelledby="checklist-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="checklist-title">
          What Level 1 still needs
        </Title>
        {result.complete ? (
          <Alert color="teal" title="The case is complete" data-testid="checklist-complete">
            Every field Level 1 needs for this case type is filled in.
          </Alert>
        ) : (
          <Text size="sm">
            <Badge color="orange" variant="light" mr={6}>
              {result.missing.length}
            </Badge>
            {result.missing.length === 1 ? 'field is' : 'fields are'} still needed before this case
            can be sent.
          </Text>
        )}
        {result.missing.length > 0 && (
          <List spacing="xs" size="sm" aria-label="Missing fields" data-testid="checklist-missing">
            {result.missing.map((m) => (
              <List.Item
                key={m.key}
                icon={
                  <ThemeIcon color="orange" size={18} radius="xl" aria-hidden>
                    !
                  </ThemeIcon>
                }
              >
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={600}
                  onClick={() => focusField(m.key)}
                >
                  {fieldLabel(m.key, m.label)}
                </Anchor>
                {m.issue === 'invalid' ? `: ${m.message}` : ''}
                <Text size="xs" c="dimmed">
                  {m.why}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {result.warnings.map((w) => (
          <Alert key={w.message} color="yellow" p="xs">
            <Text size="xs">{w.message}</Text>
          </Alert>
        ))}
        {result.recommended.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              Also helpful
            </Text>
            <Text size="xs" c="dimmed">
              {result.recommended.map((r) => fieldLabel(r.key, r.label)).join(', ')}
            </Text>
          </div>
        )}
        {artifacts.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              What the bundle should hold for this case type
            </Text>
            <List size="xs" spacing={2} aria-label="Artifacts for this case type">
              {artifacts.map((a) => (
                <List.Item key={a.key}>
                  {a.label}
                  {a.need === 'required' ? ' (required)' : ''}
                  {a.key === 'screenshots' || a.key === 'test-case' ? ': add it below' : ''}
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
