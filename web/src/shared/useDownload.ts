import { useState } from 'react';

/**
 * A file fetched when a button is clicked: `downloading` is the key of the one under way (for the
 * button's spinner), `error` the failure of the last one (shown under the list).
 */
export function useDownload<T>(fetchFile: (item: T) => Promise<unknown>, keyOf: (item: T) => string) {
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(item: T) {
    setError(null);
    setDownloading(keyOf(item));
    try {
      await fetchFile(item);
    } catch (failure) {
      setError(failure);
    } finally {
      setDownloading(null);
    }
  }

  return { download, downloading, error };
}
