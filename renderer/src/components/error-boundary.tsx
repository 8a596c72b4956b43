// A screen that fails shows what went wrong, in place, and the rest of the app keeps working.
import { Alert, Button, Code, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

export class ScreenErrorBoundary extends Component<
  { children: ReactNode; screen: string },
  { error?: Error }
> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(prev: { screen: string }) {
    if (prev.screen !== this.props.screen && this.state.error) this.setState({ error: undefined });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" title="This screen ran into a problem" maw={720}>
        <Stack gap="xs">
          <Code block>{this.state.error.message}</Code>
          <Button variant="light" onClick={() => location.reload()} w="fit-content">
            Reload the page
          </Button>
        </Stack>
      </Alert>
    );
  }
}
