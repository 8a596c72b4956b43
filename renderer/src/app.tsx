// The app: one guided flow (Case -> Collect -> Review -> Submit) plus History and Settings, over
// the one `api` object. Screens switch by the address hash, so reload and Back keep the place.
import {
  Alert,
  AppShell,
  Badge,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  MantineProvider,
  NavLink,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useCaseCheck } from './components/checklist.js';
import { ScreenErrorBoundary } from './components/error-boundary.js';
import { SCREENS, screenFromHash, type ScreenId } from './routes.js';
import { AppStateProvider, useAppState } from './state/app-state.js';
import { theme } from './theme.js';
import { CaseScreen } from './screens/case-screen.js';
import { CollectScreen } from './screens/collect-screen.js';
import { HistoryScreen } from './screens/history-screen.js';
import { ReviewScreen } from './screens/review-screen.js';
import { SettingsScreen } from './screens/settings-screen.js';
import { SubmitScreen } from './screens/submit-screen.js';

function useScreen(): [ScreenId, (s: ScreenId) => void] {
  const [screen, setScreen] = useState<ScreenId>(() => screenFromHash(location.hash));
  useEffect(() => {
    const on = () => setScreen(screenFromHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [screen, (s) => (location.hash = `#/${s}`)];
}

function Shell() {
  const [screen, go] = useScreen();
  const [opened, { toggle, close }] = useDisclosure();
  const { info, newCase, bundle } = useAppState();
  const check = useCaseCheck();
  const missing = check.result?.missing.length;

  useEffect(() => {
    const t = SCREENS.find((s) => s.id === screen)?.label;
    document.title = `${t} · casepack`;
    document.getElementById('main')?.focus();
  }, [screen]);

  const navigate = (s: ScreenId) => {
    go(s);
    close();
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Show the steps"
            />
            <Title order={1} size="h3">
              casepack
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="xs" truncate>
              {info.host}
            </Text>
          </Group>
          <Button
            variant="light"
            onClick={() => {
              void newCase().then(() => navigate('case'));
            }}
          >
            New case
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Steps">
        <Stack gap={2}>
          {SCREENS.map((s) => (
            <NavLink
              key={s.id}
              href={`#/${s.id}`}
              active={screen === s.id}
              aria-current={screen === s.id ? 'page' : undefined}
              label={'step' in s ? `${s.step}. ${s.label}` : s.label}
              onClick={(e) => {
                e.preventDefault();
                navigate(s.id);
              }}
              rightSection={
                s.id === 'case' && missing ? (
                  <Badge size="sm" color="orange" aria-label={`${missing} fields missing`}>
                    {missing}
                  </Badge>
                ) : s.id === 'review' && bundle ? (
                  <Badge size="sm" color="teal" variant="light">
                    ready
                  </Badge>
                ) : undefined
              }
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <ScreenErrorBoundary screen={screen}>
          {screen === 'case' && <CaseScreen onContinue={() => navigate('collect')} />}
          {screen === 'collect' && <CollectScreen onReview={() => navigate('review')} />}
          {screen === 'review' && (
            <ReviewScreen
              onSubmit={() => navigate('submit')}
              onCollect={() => navigate('collect')}
            />
          )}
          {screen === 'submit' && (
            <SubmitScreen onReview={() => navigate('review')} onCase={() => navigate('case')} />
          )}
          {screen === 'history' && <HistoryScreen onOpen={() => navigate('review')} />}
          {screen === 'settings' && <SettingsScreen />}
        </ScreenErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <AppStateProvider
        fallback={(error) =>
          error ? (
            <Center h="100vh" p="md">
              <Alert color="red" title="casepack cannot start" maw={560}>
                {error.message}
              </Alert>
            </Center>
          ) : (
            <Center h="100vh">
              <Loader aria-label="Starting casepack" />
            </Center>
          )
        }
      >
        <Shell />
      </AppStateProvider>
    </MantineProvider>
  );
}
