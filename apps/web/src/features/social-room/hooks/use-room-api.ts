// The room's client for components.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { type RoomApi, roomApi } from '../api/room-api.ts';

export function useRoomApi(): RoomApi {
  const { api } = useServices();
  return useMemo(() => roomApi(api), [api]);
}
