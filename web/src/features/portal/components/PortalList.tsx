import { type ReactNode, useEffect, useState } from 'react';
import { request } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { portalMessages } from '../messages.ts';

/** A list the debtor's page reads with the link's token (its only credential): null while loading. */
export function usePortalList<T>(token: string, path: 'documents' | 'receipts', refreshKey?: unknown): { items: T[] | null; failed: boolean } {
  const [items, setItems] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void refreshKey;
    const controller = new AbortController();
    request<{ items: T[] }>(`/api/v1/portal/${encodeURIComponent(token)}/${path}`, { signal: controller.signal })
      .then((answer) => setItems(answer.items))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true);
      });
    return () => controller.abort();
  }, [token, path, refreshKey]);
  return { items, failed };
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
