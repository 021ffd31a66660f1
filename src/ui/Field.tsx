import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  /** Sent with a real form submission (the popup's form works before its script runs). */
  name?: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number';
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  error?: string;
  help?: ComponentChildren;
  autoComplete?: string;
  spellcheck?: boolean;
  onBlur?: () => void;
  inputRef?: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
}

/** A visibly labelled input whose help and error text are tied to it for assistive tech. */
export function Field(props: FieldProps) {
  const helpId = props.help ? `${props.id}-help` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const common = {
    id: props.id,
    name: props.name,
    value: props.value,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
    autoComplete: props.autoComplete ?? 'off',
    spellcheck: props.spellcheck ?? false,
    onBlur: props.onBlur,
  };
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          {...common}
          rows={props.rows ?? 3}
          ref={props.inputRef}
          onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          ref={props.inputRef}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {props.error && (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.help && (
        <p class="field__help" id={helpId}>
          {props.help}
        </p>
      )}
    </div>
  );
}
