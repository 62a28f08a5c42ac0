import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo } from 'react';
import { screenColourOf, useAgencyBrand, useDocumentTitle } from '../../shared/brand.ts';
import { ApiError } from '../../shared/http.ts';
import { subscribeLocale } from '../../shared/i18n.ts';
import { themeFor } from './theme.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; network hiccups and 5xx get two retries.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  // Messages (errors, import rejections) come from the API in the chosen language: refetch on switch.
  useEffect(() => subscribeLocale(() => void queryClient.invalidateQueries()), []);
  return (
    <QueryClientProvider client={queryClient}>
      <BrandedTheme>{children}</BrandedTheme>
    </QueryClientProvider>
  );
}

/** Mantine in the agency's colour (issue 19), and the browser tab titled with its name. */
function BrandedTheme({ children }: { children: ReactNode }) {
  const brand = useAgencyBrand();
  const colour = screenColourOf(brand);
  const theme = useMemo(() => themeFor(colour), [colour]);
  useDocumentTitle(brand);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom-right: toasts must never cover the header (language, user, sign-out). */}
      <Notifications position="bottom-right" />
      {children}
    </MantineProvider>
  );
}
