// The screens, in the order of the guided flow; the hash keeps the screen across reloads.
export const SCREENS = [
  { id: 'case', label: 'Case', step: 1 },
  { id: 'collect', label: 'Collect', step: 2 },
  { id: 'review', label: 'Review', step: 3 },
  { id: 'submit', label: 'Submit', step: 4 },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return (SCREENS.find((s) => s.id === id)?.id ?? 'case') as ScreenId;
}
