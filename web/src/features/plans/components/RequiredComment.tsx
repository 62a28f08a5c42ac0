import { Textarea } from '@mantine/core';
import { type CSSProperties, useState } from 'react';

/** A comment the decision cannot go without: `take()` gives it trimmed, or flags it missing and gives null. */
export function useRequiredComment() {
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  return {
    value,
    missing,
    change(next: string) {
      setValue(next);
      setMissing(false);
    },
    take(): string | null {
      if (!value.trim()) {
        setMissing(true);
        return null;
      }
      return value.trim();
    },
  };
}

export function RequiredCommentInput({
  comment,
  label,
  requiredMessage,
  style,
  testId,
}: {
  comment: ReturnType<typeof useRequiredComment>;
  label: string;
  requiredMessage: string;
  style: CSSProperties;
  testId: string;
}) {
  return (
    <Textarea
      label={label}
      autosize
      minRows={1}
      value={comment.value}
      onChange={(event) => comment.change(event.currentTarget.value)}
      error={comment.missing ? requiredMessage : undefined}
      style={style}
      data-testid={testId}
    />
  );
}
