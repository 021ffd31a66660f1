import type { SettingChoice } from '../model/vendor';

interface ChoiceFieldProps {
  id: string;
  label: string;
  value: string;
  choices: readonly SettingChoice[];
  onChange: (value: string) => void;
  help?: string;
  error?: string;
}

/** A visibly labelled select of a setting's choices, its help and error tied to it as Field's are. */
export function ChoiceField(props: ChoiceFieldProps) {
  const helpId = props.help ? `${props.id}-help` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
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
