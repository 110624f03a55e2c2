import { catalogRouter } from '../modules/catalog/catalog.router';
import { clientsRouter } from '../modules/clients/clients.router';
import { complianceRouter } from '../modules/compliance/compliance.router';
import { authRouter } from '../modules/identity/identity.router';
import { inventoryRouter } from '../modules/inventory/inventory.router';
import { messagingRouter } from '../modules/messaging/messaging.router';
import { organizationsRouter } from '../modules/organizations/organizations.router';
import { photosRouter } from '../modules/photos/photos.router';
import { predictionRouter } from '../modules/prediction/prediction.router';
import { privacyRouter } from '../modules/privacy/privacy.router';
import { realtimeRouter } from '../modules/realtime/realtime.router';
import { schedulingRouter } from '../modules/scheduling/noshow.router';
import { agendaRouter } from '../modules/scheduling/scheduling.router';
import { sessionsRouter } from '../modules/sessions/sessions.router';
import { staffRouter } from '../modules/staff/staff.router';
import { systemRouter } from '../modules/system/system.router';
import { createCallerFactory, router } from './init';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  staff: staffRouter,
  organizations: organizationsRouter,
  clients: clientsRouter,
  privacy: privacyRouter,
  compliance: complianceRouter,
  catalog: catalogRouter,
  inventory: inventoryRouter,
  agenda: agendaRouter,
  scheduling: schedulingRouter,
  realtime: realtimeRouter,
  photos: photosRouter,
  messaging: messagingRouter,
  prediction: predictionRouter,
  sessions: sessionsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
