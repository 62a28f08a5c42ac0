/** The list's filters as saved: the URL's query without its `?`, empty values left out, keys in order (so the same filters compare equal). */
export function filterQueryOf(search: string): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of [...params.entries()]) if (!value) params.delete(key);
  params.sort();
  return params.toString();
}
