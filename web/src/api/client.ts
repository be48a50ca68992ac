// The typed API client. It uses only the public API with the signed-in key, so
// everything the console shows an integration can get too.
import { type EndpointName, url } from './endpoints.ts';
import type {
  Accepted,
  ActionEvent,
  Automation,
  AutomationRun,
  Contact,
  Job,
  KeyInfo,
  LogEntry,
  Order,
  OrderStatus,
  OrderVersion,
  Page,
  Problem,
  Receipt,
  Segment,
  SegmentFilter,
  SegmentPreview,
} from './types.ts';

/** A failed call: the problem body when the service sent one. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'The service could not be reached' : `HTTP ${status}`));
  }
  /** The route does not exist on this service (yet): show "not available", not an error. */
  get notAvailable(): boolean {
    return (this.status === 404 && this.problem?.errorCode === 'RouteNotFound') || this.status === 405;
  }
  get forbidden(): boolean {
    return this.status === 403;
  }
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;
type Params = Record<string, string>;

/**
 * One JSON request with an API key: the parsed answer, or ApiFailure (status 0 when
 * the network failed) carrying the problem body. Every page's calls go through here.
 */
export async function fetchJson<T>(key: string, target: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(target, {
      method: options.method ?? 'GET',
      headers: { apikey: key, accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiFailure(0, undefined);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiFailure(response.status, (body as Problem | undefined) ?? { status: response.status });
  return body as T;
}

export class ApiClient {
  constructor(
    readonly key: string,
    private onUnauthorized: () => void = () => {},
  ) {}

  async call<T>(name: EndpointName, options: { params?: Params; query?: Query; body?: unknown; method?: string } = {}): Promise<T> {
    const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
    try {
      return await fetchJson<T>(this.key, url(name, options.params, options.query), { method, body: options.body });
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }

  keyInfo = () => this.call<KeyInfo>('keyMe');

  /** The key lookup: the id of the one contact the value names. */
  lookupContact = (by: string, value: string) => this.call<string>('contactLookup', { query: { [by]: value } });
  contact = (contactId: string) => this.call<Contact>('contact', { params: { contactId } });
  contactReceipts = (contactId: string, offset: number, count = 10) =>
    this.call<Page<Receipt>>('contactReceipts', { params: { contactId }, query: { offset, count } });

  orders = (contactId: string, offset: number, count = 10) => this.call<Page<Order>>('orders', { query: { contactId, offset, count } });
  order = (orderId: string) => this.call<Order>('order', { params: { orderId } });
  orderReceipts = (orderId: string) => this.call<{ items: Receipt[] } | Receipt[]>('orderReceipts', { params: { orderId } });
  orderActions = (orderId: string) => this.call<{ items: ActionEvent[] }>('orderActions', { params: { orderId } });
  orderVersions = (orderId: string) => this.call<{ items: OrderVersion[] }>('orderVersions', { params: { orderId } });
  changeStatus = (orderId: string, body: { status?: OrderStatus; externalStatus?: string }) =>
    this.call<Accepted>('changeStatus', { params: { orderId }, body });
  triggerAction = (orderId: string, body: { action: string; versionTag: string; language?: string }) =>
    this.call<{ actionId: string }>('triggerAction', { params: { orderId }, body });

  jobs = (query: Query) => this.call<Page<Job>>('jobs', { query });
  /** A succeeded job redirects to its order (fetch follows it): both mean "done". */
  job = (jobId: string) => this.call<Job | Order>('job', { params: { jobId } });

  integrationLog = (query: Query) => this.call<Page<LogEntry>>('integrationLog', { query });

  previewSegment = (filter: SegmentFilter) => this.call<SegmentPreview>('segmentPreview', { body: { filter }, query: { count: 10 } });
  createSegment = (name: string, filter: SegmentFilter) => this.call<Segment>('segmentCreate', { body: { name, filter } });
  segment = (id: string) => this.call<Segment>('segment', { params: { id } });
  deleteSegment = (id: string) => this.call<void>('segmentDelete', { params: { id }, method: 'DELETE' });
  segments = (offset: number, count = 20) => this.call<Page<Segment>>('segments', { query: { offset, count } });
  segmentContacts = (id: string, offset: number, count = 20) =>
    this.call<Page<{ contactId: string }>>('segmentContacts', { params: { id }, query: { offset, count } });

  automations = (offset: number, count = 20) => this.call<Page<Automation>>('automations', { query: { offset, count } });
  automationRuns = (query: Query) => this.call<Page<AutomationRun>>('automationRuns', { query });
}

/** Lists come back as `{ items }` or, from some routes, a bare array. */
export function itemsOf<T>(answer: { items: T[] } | T[] | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : (answer.items ?? []);
}
