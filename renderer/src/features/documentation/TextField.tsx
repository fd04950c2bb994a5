import { useState } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onCommit(value: string): void;
}

/** A text area saved when focus leaves it: each field is one persisted step of the flow. */
export function TextField({ id, label, value, onCommit }: Props) {
  const [text, setText] = useState(value);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => text !== value && onCommit(text)} />
    </>
  );
}
