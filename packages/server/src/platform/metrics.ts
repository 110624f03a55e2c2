import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DbStats } from '../db/client';

/**
 * Prometheus metrics: HTTP latency per route, Node's default process metrics (including event-loop
 * lag), and the database pool or PGlite queue.
 */
export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  unexpectedErrors: Counter<'source'>;
};

export function createMetrics(options: { dbStats: () => DbStats }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'clinia_', eventLoopMonitoringPrecision: 20 });
  const httpDuration = new Histogram({
    name: 'clinia_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const unexpectedErrors = new Counter({
    name: 'clinia_unexpected_errors_total',
    help: 'Errors that were not expected AppErrors',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const gauge = (name: string, help: string, pick: (s: DbStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['driver'] as const,
      registers: [registry],
      collect() {
        const stats = options.dbStats();
        this.set({ driver: stats.driver }, pick(stats));
      },
    });
  gauge('clinia_db_pool_connections', 'Connections held by the pool (PGlite: 1)', (s) => s.total);
  gauge('clinia_db_pool_idle', 'Idle connections', (s) => s.idle);
  gauge(
    'clinia_db_pool_waiting',
    'Callers waiting for a connection or queued behind PGlite',
    (s) => s.waiting,
  );
  gauge('clinia_db_operations_in_flight', 'Database operations running or queued', (s) => s.inFlight);
  return { registry, httpDuration, unexpectedErrors };
}
