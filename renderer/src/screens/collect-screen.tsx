import { Text, Title } from '@mantine/core';

export function CollectScreen(_props: { onReview(): void }) {
  return (
    <>
      <Title order={2}>Collect</Title>
      <Text>Collection arrives with the engine's API.</Text>
    </>
  );
}
