// Assembles capability descriptors into the parts the service runs. Step order
// is explicit (before/after by id, then the order of the capability list) and
// checked here, at start-up: a duplicate id, an unknown reference or a cycle
// stops the service instead of silently running steps in import order.
import type { Capability, ContactData, Parts, SemanticCheck, Step } from './capability.js';

interface Ordered {
  id: string;
  before?: string[];
  after?: string[];
}

/** Orders `items` so that each runs after what it names in `after` and before what it names in `before`. */
export function orderSteps<T extends Ordered>(event: string, items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (byId.has(item.id)) throw new Error(`${event}: two steps are named "${item.id}"`);
    byId.set(item.id, item);
  }
  const runsAfter = new Map<string, Set<string>>(items.map((item) => [item.id, new Set<string>()]));
  for (const item of items) {
    for (const other of item.after ?? []) {
      if (!byId.has(other)) throw new Error(`${event}: step "${item.id}" runs after "${other}", which does not exist`);
      runsAfter.get(item.id)!.add(other);
    }
    for (const other of item.before ?? []) {
      if (!byId.has(other)) throw new Error(`${event}: step "${item.id}" runs before "${other}", which does not exist`);
      runsAfter.get(other)!.add(item.id);
    }
  }
  // Kahn's algorithm, taking ready steps in list order so that unconstrained steps keep it.
  const ordered: T[] = [];
  const done = new Set<string>();
  while (ordered.length < items.length) {
    const next = items.find((item) => !done.has(item.id) && [...runsAfter.get(item.id)!].every((id) => done.has(id)));
    if (!next)
      throw new Error(
        `${event}: the steps ${items
          .filter((item) => !done.has(item.id))
          .map((item) => `"${item.id}"`)
          .join(', ')} wait on each other`,
      );
    ordered.push(next);
    done.add(next.id);
  }
  return ordered;
}

function runInOrder<T>(event: string, steps: Step<T>[]): Step<T>['run'] {
  const ordered = orderSteps(event, steps);
  return async (tx, value) => {
    for (const step of ordered) await step.run(tx, value);
  };
}

/** The descriptor fields that are lists. */
type ListKey = { [K in keyof Capability]-?: NonNullable<Capability[K]> extends readonly unknown[] ? K : never }[keyof Capability];

export function compose(capabilities: readonly Capability[]): Parts {
  const all = <K extends ListKey>(key: K) => capabilities.flatMap((capability) => (capability[key] ?? []) as unknown[]) as NonNullable<Capability[K]>;
  const names = new Set<string>();
  for (const capability of capabilities) {
    if (names.has(capability.name)) throw new Error(`two capabilities are named "${capability.name}"`);
    names.add(capability.name);
  }
  const semanticChecks = new Map<string, SemanticCheck>();
  for (const capability of capabilities) {
    for (const [name, check] of Object.entries(capability.semanticChecks ?? {})) {
      if (semanticChecks.has(name)) throw new Error(`two capabilities declare the semantic check "${name}"`);
      semanticChecks.set(name, check);
    }
  }
  const decorators = all('orderDecorators');
  return {
    capabilities,
    onOrderChanged: runInOrder('onOrderChanged', all('onOrderChanged')),
    onActionRecorded: runInOrder('onActionRecorded', all('onActionRecorded')),
    onContactLinked: runInOrder('onContactLinked', all('onContactLinked')),
    contactData: orderSteps<ContactData>('contactData', all('contactData')),
    contactFiles: all('contactFiles'),
    lateBound: all('lateBound'),
    async decorateOrders(db, orders, answers) {
      for (const decorate of decorators) await decorate(db, orders, answers);
    },
    semanticChecks,
  };
}
