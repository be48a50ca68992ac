// Connection health as Prometheus metrics: whether notifications are flowing,
// how often their connection had to be re-established, and pooled-connection errors.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DatabaseHealth } from './database.js';

export function registerDatabaseMetrics(registry: Registry, health: DatabaseHealth): void {
  new Gauge({
    name: 'db_listener_connected',
    help: '1 while the notification (LISTEN) connection is up; 0 while it is being re-established',
    registers: [registry],
    aggregator: 'min', // with a job-processing child: 1 only while every process has its connection
    collect() {
      this.set(health.listenerConnected ? 1 : 0);
    },
  });
  // Counters that follow a number kept elsewhere: add what it grew by since the last scrape.
  const follow = (name: string, help: string, read: () => number) => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read();
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  };
  follow('db_listener_reconnects_total', 'Times the notification connection was re-established after a loss', () => health.listenerReconnects);
  follow('db_client_errors_total', 'Errors on pooled database connections (each is dropped and replaced)', () => health.clientErrors);
}
