import { type ChangeEvent, useRef } from 'react';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';
import { talkMessages } from '../messages-talk.ts';

/** What the server accepts (it checks again from the bytes): PDF, JPEG, PNG, 10 MB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const ACCEPTED = /\.(pdf|jpe?g|png)$/i;

/** Why a chosen file would be refused, before it is sent (null: fine). */
export function fileProblem(file: File): 'talk.file.tooLarge' | 'talk.file.wrongType' | null {
  if (file.size > MAX_FILE_BYTES) return 'talk.file.tooLarge';
  const typeOk = ['application/pdf', 'image/jpeg', 'image/png'].includes(file.type) || ACCEPTED.test(file.name);
  return typeOk ? null : 'talk.file.wrongType';
}

/** 1234567 -> "1,2 Mo" / "1.2 MB". */
export function formatSize(bytes: number, locale: 'fr' | 'en'): string {
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${shown} ${units[unit]}`;
}

/**
 * The optional file of a form: the accepted types and the size limit shown under the label, a
 * refusal said at once (role="alert"), the chosen file's name and size with a button to remove it.
 */
export function PortalFileField({
  id,
  file,
  problem,
  onChange,
  testId,
  disabled,
}: {
  id: string;
  file: File | null;
  problem: string | null;
  onChange: (file: File | null) => void;
  testId: string;
  disabled?: boolean;
}) {
  const t = useT(portalMessages, talkMessages);
  const input = useRef<HTMLInputElement>(null);
  const choose = (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.files?.[0] ?? null);
  const remove = () => {
    if (input.current) input.current.value = '';
    onChange(null);
  };
  return (
    <div className="t-field">
      <label htmlFor={id}>{t('talk.file.label')}</label>
      <small id={`${id}-hint`} className="p-muted">
        {t('talk.file.hint')}
      </small>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        onChange={choose}
        disabled={disabled}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        aria-invalid={problem ? true : undefined}
        data-testid={testId}
      />
      {file && (
        <div className="t-file">
          <span data-testid={`${testId}-chosen`}>{t('talk.file.size', { name: file.name, size: formatSize(file.size, t.locale) })}</span>
          <button type="button" className="t-link" onClick={remove} disabled={disabled}>
            {t('talk.file.remove')}
          </button>
        </div>
      )}
      {problem && (
        <p className="t-error" role="alert" id={`${id}-problem`} data-testid={`${testId}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}
