import { Text, Title } from '@mantine/core';

export function SubmitScreen(_props: { onReview(): void }) {
  return (
    <>
      <Title order={2}>Submit</Title>
      <Text>Submission arrives with the submitters' API.</Text>
    </>
  );
}
