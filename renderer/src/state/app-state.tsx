// What every screen shares: facts about the host, the case definitions, the case draft (saved on
// the host as it is typed) and the bundle the flow is working on.
import { useDebouncedCallback } from '@mantine/hooks';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { AppInfo } from '../../../core/common/api/app.js';
import type { CaseDefinitionsReply } from '../../../core/common/api/case.js';
import { api } from '../api/api.js';
import { setField, withDefaults, type Draft } from './case-draft.js';

export interface AppState {
  info: AppInfo;
  defs: CaseDefinitionsReply;
  draft: Draft;
  setDraftField(key: string, value: string): void;
  replaceDraft(d: Draft): void;
  /** Start a new case: an empty draft with the remembered contact and detected facts filled in. */
  newCase(): Promise<void>;
  /** The bundle being reviewed and sent (absolute path on the host). */
  bundle?: string;
  setBundle(p: string | undefined): void;
  /** What detection could not find out (shown once, never fatal). */
  notes: string[];
}

const Ctx = createContext<AppState | undefined>(undefined);

export function useAppState(): AppState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useAppState outside AppStateProvider');
  return s;
}

type Boot = {
  info: AppInfo;
  defs: CaseDefinitionsReply;
  draft: Draft;
  bundle?: string;
  notes: string[];
};

async function filled(d: Draft): Promise<{ draft: Draft; notes: string[] }> {
  const defaults = await api.caseDefaults({});
  return {
    draft: withDefaults(d, {
      contact: defaults.contact ?? {},
      platform: defaults.platform ?? {},
      product: defaults.product ?? {},
    }),
    notes: defaults.notes,
  };
}

async function boot(): Promise<Boot> {
  const [info, defs, saved] = await Promise.all([
    api.appInfo({}),
    api.caseDefinitions({}),
    api.getDraft({}),
  ]);
  const { draft, notes } = await filled(saved.case as Draft);
  return { info, defs, draft, ...(saved.bundle ? { bundle: saved.bundle } : {}), notes };
}

export function AppStateProvider(props: {
  children: ReactNode;
  fallback: (error?: Error) => ReactNode;
}) {
  const [loaded, setLoaded] = useState<Boot | Error>();
  const [draft, setDraft] = useState<Draft>({});
  const [bundle, setBundleState] = useState<string>();

  useEffect(() => {
    boot().then(
      (b) => {
        setLoaded(b);
        setDraft(b.draft);
        setBundleState(b.bundle);
      },
      (e: unknown) => setLoaded(e instanceof Error ? e : new Error(String(e))),
    );
  }, []);

  const save = useDebouncedCallback((d: Draft, b: string | undefined) => {
    void api.saveDraft({ case: d, ...(b ? { bundle: b } : {}) });
  }, 400);

  // Whatever the user typed in the last 400 ms is sent as the page goes away (reload, tab
  // closed), so a reload never loses input.
  useEffect(() => {
    const flush = () => save.flush();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [save]);

  const setDraftField = useCallback(
    (key: string, value: string) =>
      setDraft((d) => {
        const next = setField(d, key, value);
        save(next, bundle);
        return next;
      }),
    [save, bundle],
  );
  const replaceDraft = useCallback(
    (d: Draft) => {
      setDraft(d);
      save(d, bundle);
    },
    [save, bundle],
  );
  const newCase = useCallback(async () => {
    const { draft: d } = await filled({});
    setDraft(d);
    setBundleState(undefined);
    save(d, undefined);
  }, [save]);
  const setBundle = useCallback(
    (p: string | undefined) => {
      setBundleState(p);
      save(draft, p);
    },
    [save, draft],
  );

  const value = useMemo<AppState | undefined>(
    () =>
      loaded && !(loaded instanceof Error)
        ? {
            info: loaded.info,
            defs: loaded.defs,
            notes: loaded.notes,
            draft,
            setDraftField,
            replaceDraft,
            newCase,
            ...(bundle ? { bundle } : {}),
            setBundle,
          }
        : undefined,
    [loaded, draft, setDraftField, replaceDraft, newCase, bundle, setBundle],
  );

  if (!value) return props.fallback(loaded instanceof Error ? loaded : undefined);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}
