// Step 2: collect. Choose profiles and a time window, read the plan (estimated sizes, what is left
// out and why), switch items off, then follow the run on the host (it goes on in the background if
// the user looks at another screen) and take the new bundle on to Review.
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import type { Plan, PlanItem } from '../../../core/common/collect/plan.js';
import { api } from '../api/api.js';
import { PlanForm, PlanView, type PlanChoice } from '../components/collect-plan.js';
import { RunView, useCollectRun } from '../components/collect-run.js';
import { useAppState } from '../state/app-state.js';

// The run (and the plan it came from) outlive this screen: a page reload or a visit to another
// step comes back to the same run.
const KEY = 'casepack.collect';
interface Kept {
  choice?: PlanChoice;
  plan?: Plan;
  off?: string[];
  runId?: string;
}
function kept(): Kept {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Kept;
  } catch {
    return {};
  }
}
function keep(k: Kept): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(k));
  } catch {
    // A plan too large for the session store is simply not kept across a reload.
  }
}

export function CollectScreen(props: { onReview(): void }) {
  const { setBundle, draft } = useAppState();
  const [state, setState] = useState<Kept>(kept);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCollectRun(state.runId);
  // Set once the user acted on this screen: the plan or run that appears then takes the focus
  // (for keyboard users; the control they used is gone or busy). Not on arriving at the screen.
  const acted = useRef(false);
  const off = useMemo(() => new Set(state.off ?? []), [state.off]);
  const byId = useMemo(
    () => new Map<string, PlanItem>((state.plan?.items ?? []).map((i) => [i.id, i])),
    [state.plan],
  );
  const update = (k: Kept) => {
    acted.current = true;
    setState(k);
    keep(k);
  };

  async function makePlan(choice: PlanChoice) {
    setBusy(true);
    setError(undefined);
    try {
      const plan = await api.planCollection(choice.args);
      update({ choice, plan, off: [] });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    if (!state.choice) return;
    setError(undefined);
    try {
      const r = await api.collectStart({
        ...state.choice.args,
        systemReport: state.choice.systemReport,
        // The case as typed so far becomes the bundle's case.json (and names the bundle).
        case: draft,
        ...(off.size ? { exclude: [...off] } : {}),
      });
      update({ ...state, runId: r.runId });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <Stack gap="md" maw={980}>
      <div>
        <Title order={2}>Collect</Title>
        <Text size="sm" c="dimmed">
          What the profiles find on this host, with their estimated sizes. Switch off what you do
          not want to send; secrets are removed while the files are read.
        </Text>
      </div>
      {error && (
        <Alert color="red" title="Cannot do that">
          {error}
        </Alert>
      )}
      {run ? (
        <RunView
          run={run}
          plan={byId}
          off={off}
          onReview={(bundle) => {
            setBundle(bundle);
            props.onReview();
          }}
          onBack={() => update({ ...state, runId: undefined })}
          focus={acted.current}
        />
      ) : (
        <>
          <PlanForm busy={busy} onPlan={(c) => void makePlan(c)} />
          {state.plan && (
            <PlanView
              plan={state.plan}
              off={off}
              setOff={(o) => update({ ...state, off: [...o] })}
              onStart={() => void start()}
              focus={acted.current}
            />
          )}
        </>
      )}
    </Stack>
  );
}
