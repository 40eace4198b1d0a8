/** Per-operation request counters and a bounded request log that tests read and reset. */
import type { OperationId, RequestRecord, SimulatorStats } from './types.js';

const MAX_LOG = 10_000;

export class Stats {
  private data: SimulatorStats = { requests: 0, connections: 0, challenges: 0, operations: {} };
  private log: RequestRecord[] = [];

  connection(): void {
    this.data.connections += 1;
  }

  challenge(): void {
    this.data.challenges += 1;
  }

  record(record: RequestRecord): void {
    this.data.requests += 1;
    const op = (this.data.operations[record.operation as OperationId | 'unknown'] ??= { total: 0, byStatus: {} });
    op.total += 1;
    const status = String(record.status);
    op.byStatus[status] = (op.byStatus[status] ?? 0) + 1;
    this.log.push(record);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  snapshot(): SimulatorStats {
    return structuredClone(this.data);
  }

  requests(): RequestRecord[] {
    return this.log.map((r) => ({ ...r }));
  }

  reset(): void {
    this.data = { requests: 0, connections: 0, challenges: 0, operations: {} };
    this.log = [];
  }
}
