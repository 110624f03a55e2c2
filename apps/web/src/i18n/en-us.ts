import type { TMessages } from './pt-br';

export const enUS: TMessages = {
  app: {
    name: 'Clinia',
    openNavigation: 'Open navigation menu',
    closeNavigation: 'Close navigation menu',
    mainNavigation: 'Main navigation',
  },
  clock: {
    label: 'Date and time at the clinic ({{zone}})',
  },
  nav: {
    home: 'Home',
    agenda: 'Schedule',
    clients: 'Clients',
    sessions: 'Sessions',
    treatments: 'Treatments',
    inventory: 'Inventory',
    billing: 'Billing',
    compliance: 'Compliance',
    reports: 'Reports',
    settings: 'Settings',
  },
  areas: {
    unavailable: 'This module is not available in this version of Clinia yet.',
    agenda: 'Multi-professional schedule with rooms and devices.',
    clients: 'Client records with health intake and consents.',
    sessions: 'Treatment session records, with photos, product lots used and signatures.',
    treatments: 'Treatment catalogue and each client’s treatment plans.',
    inventory: 'ANVISA-registered products, lots, expiry dates and stock movements.',
    billing: 'Prices, packages, PIX and card payments, and professional commissions.',
    compliance: 'LGPD, ANVISA traceability, professional council licences and the audit trail.',
    reports: 'Dashboards and reports on schedule, sessions, revenue and no-shows.',
    settings: 'Clinic details, professionals, rooms, devices and system preferences.',
  },
  home: {
    greeting: {
      morning: 'Good morning',
      afternoon: 'Good afternoon',
      evening: 'Good evening',
    },
    welcome: 'Welcome to Clinia.',
    clinic: {
      title: 'Clinic',
      name: 'Name',
      organization: 'Organization',
      location: 'City',
      timeZone: 'Time zone',
      missing: 'No clinic has been registered on this server yet.',
    },
    system: {
      title: 'System status',
      version: 'Version',
      database: 'Database',
      environment: 'Environment',
      server: 'Server',
      serverOk: 'OK',
      databaseDriver: {
        pglite: 'Embedded database (PGlite)',
        postgres: 'PostgreSQL',
      },
      environmentName: {
        production: 'Production',
        development: 'Development',
        test: 'Test',
      },
    },
    loadError: {
      title: 'The system information could not be loaded.',
    },
  },
  notFound: {
    title: 'Page not found',
    description: 'This address does not exist in Clinia.',
    backHome: 'Back to home',
  },
  errors: {
    network: 'No connection to the Clinia server. Check the network and try again.',
    server: 'The Clinia server ran into a problem while answering.',
    unexpected: 'An unexpected error occurred.',
    refreshFailed: 'The data could not be refreshed.',
    pageCrashed: 'Something went wrong while showing this page.',
    retry: 'Try again',
    reload: 'Reload the page',
  },
};
