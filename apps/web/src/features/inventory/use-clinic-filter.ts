import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc/trpc';

/** The clinic selector of the stock screens: the session's clinic first, or the whole network. */
export function useClinicFilter() {
  const trpc = useTRPC();
  const clinics = useQuery(trpc.inventory.clinics.queryOptions());
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const current = clinics.data?.find((c) => c.isCurrent)?.id ?? null;
  const clinicId = chosen === undefined ? current : chosen;
  return { clinics: clinics.data ?? [], clinicId, setClinicId: (id: string | null) => setChosen(id) };
}
