import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

/** A search field that keeps what is typed and hands it on once typing pauses (the list filter lives in the URL). */
export function SearchInput({ label, value, onChange, width, testId }: { label: string; value: string; onChange: (value: string) => void; width: number; testId: string }) {
  const [text, setText] = useState(value);
  const handOn = useDebouncedCallback(onChange, 250);
  return (
    <TextInput
      label={label}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        handOn(event.currentTarget.value);
      }}
      w={width}
      data-testid={testId}
    />
  );
}
