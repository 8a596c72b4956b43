import { Text, Title } from '@mantine/core';

export function HistoryScreen(_props: { onOpen(): void }) {
  return (
    <>
      <Title order={2}>History</Title>
      <Text>History arrives with the submitters' API.</Text>
    </>
  );
}
