import { useId } from 'react';
import { useTranslate } from '../../ui/i18n/locale-store';
import { fieldsOf, MAX_FIELD_LENGTH, setFieldValue, toggleChoice, type AnswerForm, type FieldSegment, type FormState } from './answer-form';

const FIELD_ID_PART = '-field-';

interface AnswerControlsProps {
  form: AnswerForm;
  state: FormState;
  numeric: boolean;
  onChange(state: FormState): void;
}

/**
 * R-CHAL-2 — the controls of one challenge: QCU radio buttons, QCM checkboxes (each in a fieldset with its
 * legend), QROC/QROCM fields inside the proposals text, each with a label. What the pupil types is React text,
 * never HTML.
 */
export function AnswerControls({ form, state, numeric, onChange }: AnswerControlsProps) {
  const t = useTranslate();
  const id = useId();
  if (form.kind !== 'fields') {
    const single = form.kind === 'single';
    return (
      <fieldset className="challenge-answer challenge-choices">
        <legend>{t(single ? 'challenge.choiceOneLegend' : 'challenge.choiceManyLegend')}</legend>
        {form.options.map((option) => (
          <label key={option.value} className="challenge-choice">
            <input
              type={single ? 'radio' : 'checkbox'}
              name={`${id}-choice`}
              value={option.value}
              checked={state.choices.includes(option.value)}
              onChange={(event) => onChange(toggleChoice(form, state, option.value, event.currentTarget.checked))}
            />
            <span>{option.text}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  const fields = fieldsOf(form);
  const fallbackLabel = (field: FieldSegment) => (fields.length === 1
    ? t('challenge.fieldLabelOne')
    : t('challenge.fieldLabel', { n: field.index + 1, count: fields.length }));
  return (
    <fieldset className="challenge-answer challenge-fields">
      <legend>{t(fields.length > 1 ? 'challenge.fieldsLegendMany' : 'challenge.fieldsLegend')}</legend>
      <div className="challenge-proposals">
        {form.segments.map((segment, position) => {
          if (segment.kind === 'text') return <span key={position}>{segment.text}</span>;
          const fieldId = id + FIELD_ID_PART + String(segment.index);
          const value = state.values[segment.key] ?? '';
          const change = (text: string) => onChange(setFieldValue(state, segment.key, text));
          return (
            <span key={position} className="challenge-field" data-long={form.long ? 'true' : undefined}>
              <label htmlFor={fieldId} className="visually-hidden">{segment.label ?? fallbackLabel(segment)}</label>
              {segment.kind === 'select' ? (
                <select id={fieldId} value={value} onChange={(event) => change(event.currentTarget.value)}>
                  <option value="">{t('challenge.selectPrompt')}</option>
                  {segment.options.map((option, index) => <option key={index} value={option}>{option}</option>)}
                </select>
              ) : form.long ? (
                <textarea id={fieldId} value={value} rows={6} maxLength={MAX_FIELD_LENGTH} placeholder={segment.placeholder} spellCheck={false}
                  onChange={(event) => change(event.currentTarget.value)} />
              ) : (
                <input id={fieldId} type="text" value={value} maxLength={MAX_FIELD_LENGTH} placeholder={segment.placeholder}
                  inputMode={numeric ? 'decimal' : undefined} autoComplete="off" autoCapitalize="off" autoCorrect="off" spellCheck={false}
                  size={Math.max(8, Math.min(30, (segment.placeholder?.length ?? 0) + 2))}
                  onChange={(event) => change(event.currentTarget.value)} />
              )}
            </span>
          );
        })}
      </div>
    </fieldset>
  );
}
