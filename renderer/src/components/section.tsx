// A titled, bordered section of a screen (Case, Settings): one look for every form group.
import { Paper, Stack, Text, Title } from '@mantine/core';
import type React from 'react';

export function Section(props: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={props.title}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {props.title}
          </Title>
          {props.description && (
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          )}
        </div>
        {props.children}
      </Stack>
    </Paper>
  );
}
