import { MantineProvider } from '@mantine/core';

export function App() {
  return (
    <MantineProvider>
      <h1>casepack</h1>
    </MantineProvider>
  );
}
