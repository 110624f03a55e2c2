import { createBrowserRouter } from 'react-router';
import { AreaPage } from './features/areas/area-page';
import { HomePage } from './features/home/home-page';
import { AppLayout } from './shell/app-layout';
import { navItems } from './shell/nav-areas';
import { NotFoundPage } from './shell/not-found-page';
import { RouteErrorPage } from './shell/route-error-page';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      ...navItems.flatMap((item) =>
        item.key === 'home'
          ? []
          : [{ path: item.path, element: <AreaPage area={{ ...item, key: item.key }} /> }],
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
