/** Fault plans per operation: how tests and benchmarks make requests fail. */
import type { FaultKind, FaultSpec, OperationId } from './types.js';

export class FaultPlans {
  private readonly plans = new Map<OperationId | '*', { spec: FaultSpec; step: number }>();

  set(operation: OperationId | '*', spec: FaultSpec): void {
    if ('probability' in spec && !(spec.probability >= 0 && spec.probability <= 1)) {
      throw new RangeError('fault probability must be between 0 and 1');
    }
    this.plans.set(operation, { spec, step: 0 });
  }

  clear(): void {
    this.plans.clear();
  }

  /** The fault for the next request to `operation`, if any; consumes a step of a sequence. */
  next(operation: OperationId): FaultKind | undefined {
    const plan = this.plans.get(operation) ?? this.plans.get('*');
    if (!plan) return undefined;
    if ('sequence' in plan.spec) {
      const step = plan.spec.sequence[plan.step];
      if (step === undefined) return undefined;
      plan.step += 1;
      return step === 'ok' ? undefined : step;
    }
    return Math.random() < plan.spec.probability ? plan.spec.kind : undefined;
  }
}
