// The one error catalogue: every stable error code, the HTTP status it answers
// with, its title, and where it appears. API problems and integration-log
// entries both take their codes from here; test/domain/errors.test.ts keeps it
// consistent with the code and the docs.

export type Severity = 'Warning' | 'Error';

export interface CatalogueEntry {
  status: number;
  title: string;
  /** Set for codes that are written to the integration log. */
  logSeverity?: Severity;
}

export const catalogue = {
  // Request format
  InvalidRequest: { status: 400, title: 'The request is not valid' },
  InvalidJson: { status: 400, title: 'The body is not well-formed JSON' },
  InvalidOrder: { status: 400, title: 'The order is not valid' },
  InvalidAction: { status: 400, title: 'The action is not valid' },
  InvalidContact: { status: 400, title: 'The contact is not valid' },
  InvalidStore: { status: 400, title: 'The store is not valid' },
  InvalidArticle: { status: 400, title: 'The article is not valid' },
  InvalidEmailAddress: { status: 400, title: 'The email address is not valid' },
  InvalidPhoneNumber: { status: 400, title: 'The mobile phone number is not valid (E.164 expected)' },
  InvalidSocialSecurityNumber: { status: 400, title: 'The social security number is not valid' },
  InvalidContactType: { status: 400, title: 'The contact type is not valid' },
  InvalidSearchQuery: { status: 400, title: 'The search query is not valid' },
  // Access
  MissingApiKey: { status: 401, title: 'An API key is required (header apikey or x-api-key)' },
  InvalidApiKey: { status: 401, title: 'The API key is not known' },
  InsufficientScope: { status: 403, title: 'The API key does not have the scope this operation needs' },
  ApiKeyNotFound: { status: 404, title: 'The API key does not exist' },
  // Lookups
  RouteNotFound: { status: 404, title: 'No such route' },
  OrderNotFound: { status: 404, title: 'The order does not exist', logSeverity: 'Error' },
  JobNotFound: { status: 404, title: 'The job does not exist' },
  ContactNotFound: { status: 404, title: 'The contact does not exist' },
  VersionTagMismatch: { status: 404, title: "The versionTag is not the order's current one", logSeverity: 'Error' },
  // Conflicts and state
  OrderAlreadyExists: { status: 409, title: 'An order with this orderId already exists', logSeverity: 'Error' },
  StoreAlreadyExists: { status: 409, title: 'A store with this externalId already exists' },
  ContactAlreadyExists: { status: 409, title: 'A contact of this type already has this email, mobile phone, social security number or member number' },
  MultipleMatches: { status: 409, title: 'More than one contact matches' },
  LineItemNotFound: { status: 422, title: 'The order has no line with this id', logSeverity: 'Error' },
  OrderHasNoContact: { status: 422, title: 'The order has no contact' },
  // Transport
  PayloadTooLarge: { status: 413, title: 'The request body is too large' },
  UnsupportedMediaType: { status: 415, title: 'The content type is not supported (application/json expected)' },
  RateLimited: { status: 429, title: 'Too many requests for this API key, or from this address without a valid key' },
  InternalError: { status: 500, title: 'An unexpected error occurred' },
  ServiceUnavailable: { status: 503, title: 'The service is not ready' },
  Overloaded: { status: 503, title: 'Too many writes are waiting to be processed; retry later' },
  // Integration log only: warnings written while processing
  ContactMissing: { status: 422, title: 'No contact matches the order contact', logSeverity: 'Warning' },
  ArticleMissing: { status: 422, title: 'The article is not in the article register', logSeverity: 'Warning' },
  StoreMissing: { status: 422, title: 'The store is not in the store register', logSeverity: 'Warning' },
  ActionSkippedNoContact: { status: 422, title: 'An embedded order action was skipped: the order has no contact', logSeverity: 'Warning' },
  UnknownOrderStatus: { status: 422, title: 'The order status is not one the service knows; it is kept as sent', logSeverity: 'Warning' },
  ReceiptDuplicateIgnored: { status: 422, title: 'A receipt repeated an existing uniqueReceiptId with other content and was ignored', logSeverity: 'Warning' },
  // Receipts, GDPR and the article feed
  InvalidReceipt: { status: 400, title: 'The receipt is not valid' },
  ArticleNotFound: { status: 404, title: 'The article does not exist' },
  InvalidArticleFeed: { status: 400, title: 'The article feed is not well-formed XML' },

  // Segments
  InvalidFilter: { status: 400, title: 'The segment filter is not valid' },
  SegmentNotFound: { status: 404, title: 'The segment does not exist' },
  SegmentQueryTimeout: { status: 422, title: 'The segment query ran longer than SEGMENT_STATEMENT_TIMEOUT_MS; narrow the filter' },
  SegmentPreviewBusy: { status: 503, title: 'Too many segment previews are running; retry after the Retry-After seconds' },

  // Automations
  InvalidAutomation: { status: 400, title: 'The automation is not valid' },
  AutomationNotFound: { status: 404, title: 'The automation does not exist' },
  DeliveryNotFound: { status: 404, title: 'The automation delivery does not exist' },
  DeliveryNotFailed: { status: 409, title: 'Only a failed automation delivery can be re-driven' },
  TemplateRenderFailed: { status: 422, title: 'A template failed to render against the chosen order (errors name the field, line and column)' },
  TestSendFailed: { status: 502, title: 'The test email could not be handed to the mail server' },

  // Integration log
  LogEntryNotFound: { status: 404, title: 'The integration-log entry does not exist' },
} satisfies Record<string, CatalogueEntry>;

export const catalogueEntries: Record<ErrorCode, CatalogueEntry> = catalogue;

export type ErrorCode = keyof typeof catalogue;

export interface FieldError {
  path: string;
  message: string;
}

export function entryFor(code: ErrorCode): CatalogueEntry {
  return catalogueEntries[code];
}
