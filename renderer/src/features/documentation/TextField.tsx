import { useEffect, useRef, useState } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onCommit(value: string): void;
  /** Typing started that is not saved yet. */
  onDirty?(): void;
}

/**
 * A text area saved into the draft a moment after typing pauses, and when focus leaves it: each
 * save is one persisted step, so a crash loses at most the last second of typing.
 */
export function TextField({ id, label, value, onCommit, onDirty }: Props) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (next: string) => {
    clearTimeout(timer.current);
    if (next !== value) onCommit(next);
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          onDirty?.();
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), 800);
        }}
        onBlur={() => commit(text)}
      />
    </>
  );
}
