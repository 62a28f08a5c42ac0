import type { Consultation } from '@relance/contracts/consultations';
import type { CaseDocument, PieceKind } from '@relance/contracts/documents';
import { useState } from 'react';
import { useUploadDocument } from '../../../shared/useUploadDocument.ts';
import { useAnswerConsultation } from '../api/consultations.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The answer form's state: the text, the files uploaded to the case as they are chosen (each with
 * the pièce kind chosen before it), and the answer that names them. A retried send is harmless: the
 * server returns the same answer.
 */
export function useAnswerForm(consultation: Pick<Consultation, 'id' | 'caseId'>, onSent: () => void) {
  const [answer, setAnswer] = useState('');
  const [pieceKind, setPieceKind] = useState<PieceKind | null>('correspondence');
  const [files, setFiles] = useState<CaseDocument[]>([]);
  const [problem, setProblem] = useState<'answerRequired' | 'tooLarge' | null>(null);
  const upload = useUploadDocument(consultation.caseId);
  const send = useAnswerConsultation(consultation);

  async function attach(file: File | null) {
    upload.reset();
    setProblem(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setProblem('tooLarge');
      return;
    }
    const stored = await upload.upload(file, { pieceKind });
    if (stored) setFiles((current) => [...current, stored]);
  }

  function submit() {
    if (answer.trim() === '') {
      setProblem('answerRequired');
      return;
    }
    setProblem(null);
    send.mutate({ answer: answer.trim(), documentIds: files.map((file) => file.id) }, { onSuccess: onSent });
  }

  return {
    answer,
    setAnswer,
    pieceKind,
    setPieceKind,
    files,
    remove: (id: string) => setFiles((current) => current.filter((file) => file.id !== id)),
    attach,
    uploadState: upload.state,
    submit,
    send,
    problem,
  };
}
