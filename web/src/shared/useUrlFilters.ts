import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL (shareable, restored by "back"): `params` to read them,
 * `setParam(name, value)` to change one ('' removes it) without adding a history entry.
 */
export function useUrlFilters() {
  const [params, setSearchParams] = useSearchParams();
  function setParam(name: string, value: string) {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }
  return { params, setParam };
}
