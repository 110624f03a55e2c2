import { createBrowserRouter } from 'react-router';
import { AccountPage } from './features/account/account-page';
import { AgendaPage } from './features/agenda/agenda-page';
import { AreaPage } from './features/areas/area-page';
import { CatalogPage } from './features/catalog/catalog-page';
import { ClientProfilePage } from './features/clients/client-profile-page';
import { ClientsPage } from './features/clients/clients-page';
import { PrivacyRequestsPage } from './features/clients/privacy-requests-page';
import { RegisterClientPage } from './features/clients/register-client-page';
import { CompliancePage } from './features/compliance/compliance-page';
import { HomePage } from './features/home/home-page';
import { InvitationPage } from './features/identity/invitation-page';
import { MfaEnrolmentPage } from './features/identity/mfa-enrolment-page';
import { MfaVerifyPage } from './features/identity/mfa-verify-page';
import { RequireSession } from './features/identity/require-session';
import { MFA_ENROLMENT_PATH, MFA_VERIFY_PATH, SIGN_IN_PATH } from './features/identity/sign-in-flow';
import { SignInPage } from './features/identity/sign-in-page';
import { InventoryPage } from './features/inventory/inventory-page';
import { MessagingPage } from './features/messaging/messaging-page';
import { PublicityPhotosPage } from './features/photos/publicity-photos-page';
import { PredictionPage } from './features/prediction/prediction-page';
import { SessionPage } from './features/sessions/session-page';
import { SessionsPage } from './features/sessions/sessions-page';
import { StartSessionPage } from './features/sessions/start-session-page';
import { SettingsPage } from './features/settings/settings-page';
import { AppLayout } from './shell/app-layout';
import { navItems } from './shell/nav-areas';
import { NotFoundPage } from './shell/not-found-page';
import { RouteErrorPage } from './shell/route-error-page';

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      // Reachable without a session (the MFA screens check theirs themselves).
      { path: SIGN_IN_PATH, element: <SignInPage /> },
      { path: MFA_VERIFY_PATH, element: <MfaVerifyPage /> },
      { path: MFA_ENROLMENT_PATH, element: <MfaEnrolmentPage /> },
      { path: '/convite/:token', element: <InvitationPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'conta', element: <AccountPage /> },
              { path: 'configuracoes', element: <SettingsPage /> },
              { path: 'clientes/novo', element: <RegisterClientPage /> },
              { path: 'clientes/solicitacoes', element: <PrivacyRequestsPage /> },
              { path: 'clientes/divulgacao', element: <PublicityPhotosPage /> },
              { path: 'clientes/:clientId', element: <ClientProfilePage /> },
              { path: 'atendimentos/agendamento/:appointmentId', element: <StartSessionPage /> },
              { path: 'atendimentos/:sessionId', element: <SessionPage /> },
              ...navItems.flatMap((item) =>
                item.key === 'home' || item.key === 'settings'
                  ? []
                  : [
                      {
                        path: item.path,
                        element:
                          item.key === 'clients' ? (
                            <ClientsPage />
                          ) : item.key === 'inventory' ? (
                            <InventoryPage />
                          ) : item.key === 'treatments' ? (
                            <CatalogPage />
                          ) : item.key === 'messages' ? (
                            <MessagingPage />
                          ) : item.key === 'noshow' ? (
                            <PredictionPage />
                          ) : item.key === 'sessions' ? (
                            <SessionsPage />
                          ) : item.key === 'agenda' ? (
                            <AgendaPage />
                          ) : item.key === 'compliance' ? (
                            <CompliancePage />
                          ) : (
                            <AreaPage area={{ ...item, key: item.key }} />
                          ),
                      },
                    ],
              ),
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
