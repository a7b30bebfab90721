import type { ServiceContext, ServiceModule } from '@chat/platform';
import type { ServiceAuth } from '@chat/security';
import type { ServiceClients } from './clients.ts';

/** What every service factory is handed: the clients of the others and the process's auth. */
export type LauncherContext = ServiceContext<ServiceClients, ServiceAuth>;

/** A service factory offering `Provides` to the services built after it. */
export type ServiceFactory<Provides extends object> = (
  ctx: LauncherContext,
) => Promise<ServiceModule<Provides>>;
