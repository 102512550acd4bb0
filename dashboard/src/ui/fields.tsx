import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  useId,
} from 'react';

interface FieldFrame {
  label: string;
  /** The API's or the form's complaint, shown under the field. */
  error?: string;
  hint?: ReactNode;
}

function describedBy(id: string, frame: FieldFrame): string | undefined {
  const ids = [frame.hint ? `${id}-hint` : '', frame.error ? `${id}-error` : ''];
  return ids.filter(Boolean).join(' ') || undefined;
}

function Notes({ id, frame }: { id: string; frame: FieldFrame }) {
  return (
    <>
      {frame.hint && (
        <small id={`${id}-hint`} className="hint">
          {frame.hint}
        </small>
      )}
      {frame.error && (
        <small id={`${id}-error`} className="field-error">
          {frame.error}
        </small>
      )}
    </>
  );
}

type InputFieldProps = FieldFrame &
  InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

/** A labelled input; spreads react-hook-form's register() result (React 19 passes ref). */
export function InputField({ label, error, hint, ...input }: InputFieldProps) {
  const id = useId();
  const frame = { label, error, hint };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        {...input}
      />
      <Notes id={id} frame={frame} />
    </div>
  );
}

type SelectFieldProps = FieldFrame &
  SelectHTMLAttributes<HTMLSelectElement> & {
    ref?: Ref<HTMLSelectElement>;
    options: readonly (string | { value: string; label: string })[];
  };

export function SelectField({ label, error, hint, options, ...select }: SelectFieldProps) {
  const id = useId();
  const frame = { label, error, hint };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        {...select}
      >
        {options.map((option) => {
          const { value, label: text } =
            typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
      <Notes id={id} frame={frame} />
    </div>
  );
}

type CheckboxFieldProps = FieldFrame &
  InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

export function CheckboxField({ label, error, hint, ...input }: CheckboxFieldProps) {
  const id = useId();
  const frame = { label, error, hint };
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      <Notes id={id} frame={frame} />
    </div>
  );
}

/** A failed request or submit, read out when it appears. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="error-note">
      {message}
    </p>
  );
}
