import { useState } from 'react';

/** A choice from a fixed list; "—" until something is chosen. */
export function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange(v: string): void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          —
        </option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

/** A whole number, saved when focus leaves the field. */
export function NumberField({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  value: number | undefined;
  onCommit(n: number): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text.trim() !== '' && Number.isInteger(Number(text)) && onCommit(Number(text))}
      />
    </>
  );
}

/** Shown at once as chosen (the saved value follows a moment later from main). */
export function YesNo({
  label,
  yes,
  no,
  value,
  onChange,
}: {
  label: string;
  yes: string;
  no: string;
  value: boolean | undefined;
  onChange(v: boolean): void;
}) {
  const [chosen, setChosen] = useState(value);
  return (
    <div role="radiogroup" aria-label={label} className="radios">
      <span>{label}</span>
      {([true, false] as const).map((v) => (
        <label key={String(v)}>
          <input
            type="radio"
            name="care-given"
            checked={chosen === v}
            onChange={() => {
              setChosen(v);
              onChange(v);
            }}
          />
          {v ? yes : no}
        </label>
      ))}
    </div>
  );
}
