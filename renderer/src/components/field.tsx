// One case field bound to the draft by its dotted key: its label names what it holds (what a
// screen reader announces and a browser test finds), an asterisk when the case type requires it.
import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import type { Need } from '../../../core/common/case/rules.js';
import { getField } from '../state/case-draft.js';
import { useAppState } from '../state/app-state.js';
import { fieldLabel } from './labels.js';

export const fieldId = (key: string): string => `field-${key.replace(/\./g, '-')}`;

interface Props {
  k: string;
  need?: Need;
  multiline?: boolean;
  placeholder?: string;
  description?: string;
  type?: 'text' | 'email' | 'tel';
}

export function CaseField({ k, need, multiline, placeholder, description, type }: Props) {
  const { draft, setDraftField, defs } = useAppState();
  const info = defs.fields.find((f) => f.key === k);
  const label = fieldLabel(k, info?.label);
  const common = {
    id: fieldId(k),
    label,
    // The visible label may carry a required mark; the accessible name is the label alone.
    'aria-label': label,
    description: description ?? info?.hint,
    withAsterisk: need === 'required',
    'aria-required': need === 'required',
    value: getField(draft, k),
    placeholder,
  };
  if (multiline)
    return (
      <Textarea
        {...common}
        autosize
        minRows={k === 'description' ? 4 : 2}
        maxRows={14}
        onChange={(e) => setDraftField(k, e.currentTarget.value)}
      />
    );
  return (
    <TextInput
      {...common}
      type={type ?? 'text'}
      onChange={(e) => setDraftField(k, e.currentTarget.value)}
    />
  );
}

export function CaseChoice(props: {
  k: string;
  need?: Need;
  options: Array<{ value: string; label: string }>;
  empty: string;
  description?: string;
}) {
  const { draft, setDraftField, defs } = useAppState();
  const info = defs.fields.find((f) => f.key === props.k);
  return (
    <NativeSelect
      id={fieldId(props.k)}
      label={fieldLabel(props.k, info?.label)}
      aria-label={fieldLabel(props.k, info?.label)}
      description={props.description}
      withAsterisk={props.need === 'required'}
      aria-required={props.need === 'required'}
      value={getField(draft, props.k)}
      onChange={(e) => setDraftField(props.k, e.currentTarget.value)}
      data={[{ value: '', label: props.empty }, ...props.options]}
    />
  );
}
