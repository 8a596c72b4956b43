// One theme for the desktop app and the browser: system fonts (nothing fetched from the network),
// a calm primary colour, focus rings always visible for keyboard users.
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  defaultRadius: 'md',
});
