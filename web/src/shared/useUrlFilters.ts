import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL (shareable, restored by "back"): `params` to read them,
 * `setParam(name, value)` to change one ('' removes it) without adding a history entry.
 */
export function useUrlFilters() {
  const [params, setSearchParams] = useSearchParams();
  function setParam(name: string, value: string) {
    // From the address bar as it is now, not the hook's last render: react-router's updater gets the
    // render's params, so two filters changed in a row would lose the first one.
    setSearchParams(
      () => {
        const next = new URLSearchParams(window.location.search);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }
  return { params, setParam };
}
