// People search as the user types, shared by the people tab and the people picker: the search
// box with its error line, and the search (a request 250 ms after the last keystroke, the
// answer of an older query dropped, me left out).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { PublicProfile } from '../lib/wire.ts';

interface QueryProps {
  id: string;
  query: string;
  error: string | null;
  onQuery(query: string): void;
}

export function PeopleQuery({ id, query, error, onQuery }: QueryProps) {
  const { t } = useI18n();
  return (
    <>
      <label class="sr-only" for={id}>
        {t('searchPeople')}
      </label>
      <input
        id={id}
        class="search"
        type="search"
        placeholder={t('searchPeople')}
        value={query}
        onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
      />
      {error ? (
        <p role="alert" class="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function usePeopleSearch(query: string) {
  const { api, me } = useServices();
  /** null until a query was answered (or while the query is empty). */
  const [people, setPeople] = useState<PublicProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setPeople(null);
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const found = await api.request<PublicProfile[]>(
          'GET',
          `/api/users?query=${encodeURIComponent(q)}&size=20`,
        );
        if (live) setPeople(found.filter((p) => p.id !== me.userId));
        if (live) setError(null);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, api, me.userId]);

  return { people, error, setError };
}
