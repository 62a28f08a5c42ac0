import { NativeSelect } from '@mantine/core';
import { type PieceKind, pieceKinds } from '@relance/contracts/documents';
import { useT } from '../i18n.ts';
import { staffMessages } from '../staff-messages.ts';

/**
 * What an uploaded file proves (a pièce a legal action files: invoice, contract...), or none: a
 * native select (keyboard and screen readers as the browser gives them), sent as `pieceKind`.
 */
export function PieceKindSelect({ value, onChange, testId }: { value: PieceKind | null; onChange: (kind: PieceKind | null) => void; testId: string }) {
  const t = useT(staffMessages);
  return (
    <NativeSelect
      size="xs"
      label={t('pieceKind.label')}
      value={value ?? ''}
      onChange={(event) => onChange((event.currentTarget.value || null) as PieceKind | null)}
      data={[{ value: '', label: t('pieceKind.none') }, ...pieceKinds.map((kind) => ({ value: kind, label: t(`pieceKind.${kind}`) }))]}
      w={220}
      data-testid={testId}
    />
  );
}
