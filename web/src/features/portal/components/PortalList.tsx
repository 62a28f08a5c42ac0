import { type ReactNode, useEffect, useState } from 'react';
import { request } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/**
 * A list the debtor's page reads with the link's token and the verified session: null while
 * loading; read again when `refreshKey` changes or on `reload()` (after the debtor adds to it).
 */
export function usePortalList<T>(
  token: string,
  path: 'documents' | 'receipts' | 'disputes' | 'messages',
  refreshKey?: unknown,
): { items: T[] | null; failed: boolean; reload: () => void } {
  const [items, setItems] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    void refreshKey;
    void generation;
    const controller = new AbortController();
    request<{ items: T[] }>(`/api/v1/portal/${encodeURIComponent(token)}/${path}`, { signal: controller.signal })
      .then((answer) => {
        setItems(answer.items);
        setFailed(false);
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true);
      });
    return () => controller.abort();
  }, [token, path, refreshKey, generation]);
  return { items, failed, reload: () => setGeneration((value) => value + 1) };
}

/** A card of the debtor's page listing documents: its title, then an error, a loading line, an empty line or the rows. */
export function PortalListCard<T>({
  list,
  testId,
  title,
  errorText,
  emptyText,
  children,
}: {
  list: { items: T[] | null; failed: boolean };
  testId: string;
  title: string;
  errorText: string;
  emptyText: string;
  children: (items: T[]) => ReactNode;
}) {
  const t = useT(portalMessages);
  const { items, failed } = list;
  return (
    <section className="p-card" data-testid={testId} id={testId}>
      <h2>{title}</h2>
      {failed ? (
        <p className="p-small p-muted" role="alert">
          {errorText}
        </p>
      ) : items === null ? (
        <p className="p-small p-muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="p-small p-muted" data-testid={`${testId}-empty`}>
          {emptyText}
        </p>
      ) : (
        <table className="p-table">
          <tbody>{children(items)}</tbody>
        </table>
      )}
    </section>
  );
}
