// A text field of the asset forms: its label, and the error under it (tied by aria-describedby).
interface Props {
  id: string;
  label: string;
  value: string;
  /** What is wrong, as shown (a client check's message, or the server's). */
  error?: string | null;
  multiline?: boolean;
  onInput(value: string): void;
}

export function AssetField({ id, label, value, error, multiline, onInput }: Props) {
  const common = {
    id,
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (e: Event) => onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
      {error ? (
        <span id={`${id}-error`} class="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
