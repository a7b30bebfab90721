import type { ServiceContext, ServiceModule } from '@chat/platform';
import type { ServiceClients } from './clients.ts';

export type ServiceFactory = (ctx: ServiceContext<ServiceClients>) => Promise<ServiceModule>;
