// Generated from the service's OpenAPI document (GET /api/docs/json) by scripts/gen-api-types.mjs.
// Do not edit: run `npm run gen:api`. A test fails when this file no longer matches the document.
// A route without a declared answer schema answers `unknown` here: declare one on the route to type it.

export interface Schemas {
  /** A problem (RFC 9457): every 4xx and 5xx answer */
  Problem: {
    /** urn:engage-orders:problem:{errorCode} */
    type: string;
    title: string;
    status: number;
    detail?: string;
    /** A code of the error catalogue (docs/errors.md) */
    errorCode: string;
    errors: {
      path: string;
      message: string;
      [extra: string]: unknown;
    }[];
    [extra: string]: unknown;
  };
}

/** Every route by "METHOD /path": its path, query and body input and its answers by status. */
export interface Operations {
  "GET /healthz": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        status: "ok";
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /readyz": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        status: "ready";
        /** embedded or postgres */
        database: string;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /metrics": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: never;
    responses: {
      200: string;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders": {
    params: Record<string, never>;
    query: {
      /** A contact id (GUID, any case); format: uuid */
      contactId?: string;
      offset?: number;
      count?: number;
      /** One or more statuses, comma-separated, any case (your own statuses too) */
      status?: string;
      orderType?: "Purchase" | "Return" | "Mixed";
      /** The order's externalStoreId */
      storeId?: string;
      /** Any case */
      channel?: string;
      /** The order's createdAt, from: a date (a whole day, UTC) or a date-time with an offset */
      createdFrom?: string;
      /** The order's createdAt, up to and including: a date (a whole day, UTC) or a date-time with an offset */
      createdTo?: string;
      /** When the current version was processed, from: a date (a whole day, UTC) or a date-time with an offset */
      processedFrom?: string;
      /** When the current version was processed, up to and including: a date (a whole day, UTC) or a date-time with an offset */
      processedTo?: string;
      /** true: only orders with unresolved integration-log entries; false: only those without */
      hasWarnings?: boolean;
      /** Order id (prefix), contact email or name (prefix, any case), SKU (prefix) or tracking number (exact) */
      q?: string;
      sort?: "createdAt" | "processedAt";
      /** desc: newest first */
      order?: "desc" | "asc";
      limit?: number;
      /** nextCursor of the previous page (same filters and sort) */
      cursor?: string;
    };
    body: never;
    responses: {
      200: {
        items: {
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
      } | {
        items: {
          orderId: string;
          status: string;
          orderType: string;
          contactId: string | null;
          contactName: string | null;
          contactEmail: string | null;
          storeId: string;
          storeName: string | null;
          channel: string | null;
          currency: string | null;
          totalGrossPrice: number | null;
          lineCount: number;
          /** format: date-time */
          createdAt: string;
          /** format: date-time */
          processedAt: string;
          unresolvedWarnings: number;
        }[];
        /** Pass as cursor for the next page; null on the last */
        nextCursor: string | null;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/orders": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      orderId: string;
      contact: {
        matchKey: string;
        matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
        contactType?: string;
        [extra: string]: unknown;
      };
      externalStoreId: string;
      /** Received, InProgress, Completed, Cancelled (any case), or your own status (kept as sent) */
      status: string;
      externalStatus?: string;
      references?: string[];
      currencyCode: string;
      channel?: string;
      /** ISO 8601 with an offset; format: date-time */
      createdAt: string;
      /** ISO 8601 with an offset; format: date-time */
      lastChangedAt?: string;
      lineItems: {
        items: {
          id?: string;
          type?: "Purchase" | "Return";
          externalStatus?: string;
          /** 0 for a cancelled line; negative only on Return lines (read as its absolute value) */
          quantity: number;
          article: {
            sku: string;
            name?: string;
            description?: string;
            imageUri?: string;
            targetUri?: string;
            [extra: string]: unknown;
          };
          pricePerUnit?: number;
          originalPricePerUnit?: number;
          totalPrice: number;
          originalTotalPrice?: number;
          /** Line discounts, e.g. [{ type, description, amount }]; any JSON is kept */
          discounts?: unknown;
          /** Line taxes, e.g. [{ description, percent, amount }]; any JSON is kept */
          taxes?: unknown;
          returnDetails?: {
            type: "Normal" | "Complaint" | "Change";
            reason?: string;
            [extra: string]: unknown;
          };
          /** Any JSON is kept */
          group?: unknown;
          [extra: string]: unknown;
        }[];
        subTotal: number;
        [extra: string]: unknown;
      };
      /** e.g. { items: [{ type, description, amount, reference }], total }; any JSON is kept */
      payments?: unknown;
      /** e.g. { items: [{ type, description, amount, taxes }], total }; any JSON is kept */
      fees?: unknown;
      /** e.g. { items: [{ type, description, amount }], total }; any JSON is kept */
      discounts?: unknown;
      taxes?: {
        description?: string;
        percent: number;
        amount: number;
        [extra: string]: unknown;
      }[];
      totalPrice?: number;
      delivery?: {
        method?: string;
        trackingNumber?: string;
        /** format: uri */
        trackingUri?: string;
        /** ISO 8601 with an offset; format: date-time */
        deliveryDate?: string;
        [extra: string]: unknown;
      };
      billingAddress?: {
        title?: string;
        firstname?: string;
        lastname?: string;
        careOf?: string;
        street?: string;
        zipCode?: string;
        city?: string;
        region?: string;
        countryCode?: string;
        email?: string;
        mobilePhone?: string;
        [extra: string]: unknown;
      };
      shippingAddress?: {
        title?: string;
        firstname?: string;
        lastname?: string;
        careOf?: string;
        street?: string;
        zipCode?: string;
        city?: string;
        region?: string;
        countryCode?: string;
        email?: string;
        mobilePhone?: string;
        [extra: string]: unknown;
      };
      orderAction?: {
        action: string;
        language?: string;
        /** Any JSON value (object or string) */
        data?: unknown;
        [extra: string]: unknown;
      };
      [extra: string]: unknown;
    };
    responses: {
      202: {
        jobId: string;
        status: "Pending";
        orderId: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/{orderId}": {
    params: {
      orderId: string;
    };
    query: {
      /** A contact id (GUID, any case); format: uuid */
      contactId?: string;
    };
    body: never;
    responses: {
      200: {
        orderId: string;
        contact: {
          matchKey: string;
          matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
          contactType?: string;
          [extra: string]: unknown;
        };
        externalStoreId: string;
        /** Received, InProgress, Completed, Cancelled (any case), or your own status (kept as sent) */
        status: string;
        externalStatus?: string;
        references?: string[];
        currencyCode: string;
        channel?: string;
        /** ISO 8601 with an offset; format: date-time */
        createdAt: string;
        /** ISO 8601 with an offset; format: date-time */
        lastChangedAt?: string;
        lineItems: {
          items: {
            id?: string;
            type?: "Purchase" | "Return";
            externalStatus?: string;
            /** 0 for a cancelled line; negative only on Return lines (read as its absolute value) */
            quantity: number;
            article: {
              sku: string;
              name?: string;
              description?: string;
              imageUri?: string;
              targetUri?: string;
              [extra: string]: unknown;
            };
            pricePerUnit?: number;
            originalPricePerUnit?: number;
            totalPrice: number;
            originalTotalPrice?: number;
            /** Line discounts, e.g. [{ type, description, amount }]; any JSON is kept */
            discounts?: unknown;
            /** Line taxes, e.g. [{ description, percent, amount }]; any JSON is kept */
            taxes?: unknown;
            returnDetails?: {
              type: "Normal" | "Complaint" | "Change";
              reason?: string;
              [extra: string]: unknown;
            };
            /** Any JSON is kept */
            group?: unknown;
            [extra: string]: unknown;
          }[];
          subTotal: number;
          [extra: string]: unknown;
        };
        /** e.g. { items: [{ type, description, amount, reference }], total }; any JSON is kept */
        payments?: unknown;
        /** e.g. { items: [{ type, description, amount, taxes }], total }; any JSON is kept */
        fees?: unknown;
        /** e.g. { items: [{ type, description, amount }], total }; any JSON is kept */
        discounts?: unknown;
        taxes?: {
          description?: string;
          percent: number;
          amount: number;
          [extra: string]: unknown;
        }[];
        totalPrice?: number;
        delivery?: {
          method?: string;
          trackingNumber?: string;
          /** format: uri */
          trackingUri?: string;
          /** ISO 8601 with an offset; format: date-time */
          deliveryDate?: string;
          [extra: string]: unknown;
        };
        billingAddress?: {
          title?: string;
          firstname?: string;
          lastname?: string;
          careOf?: string;
          street?: string;
          zipCode?: string;
          city?: string;
          region?: string;
          countryCode?: string;
          email?: string;
          mobilePhone?: string;
          [extra: string]: unknown;
        };
        shippingAddress?: {
          title?: string;
          firstname?: string;
          lastname?: string;
          careOf?: string;
          street?: string;
          zipCode?: string;
          city?: string;
          region?: string;
          countryCode?: string;
          email?: string;
          mobilePhone?: string;
          [extra: string]: unknown;
        };
        orderAction?: {
          action: string;
          language?: string;
          /** Any JSON value (object or string) */
          data?: unknown;
          [extra: string]: unknown;
        };
        /** Pass as If-Match or an action versionTag */
        versionTag: string;
        orderType: "Purchase" | "Return" | "Mixed";
        /** The contact the order is linked to; null until one matches */
        contactId: string | null;
        /** When the current version was processed; format: date-time */
        processedAt: string;
        /** uniqueReceiptIds of the receipts that name this order */
        receipts?: string[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "PUT /api/v3/orders/{orderId}": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: {
      orderId: string;
      contact: {
        matchKey: string;
        matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
        contactType?: string;
        [extra: string]: unknown;
      };
      externalStoreId: string;
      /** Received, InProgress, Completed, Cancelled (any case), or your own status (kept as sent) */
      status: string;
      externalStatus?: string;
      references?: string[];
      currencyCode: string;
      channel?: string;
      /** ISO 8601 with an offset; format: date-time */
      createdAt: string;
      /** ISO 8601 with an offset; format: date-time */
      lastChangedAt?: string;
      lineItems: {
        items: {
          id?: string;
          type?: "Purchase" | "Return";
          externalStatus?: string;
          /** 0 for a cancelled line; negative only on Return lines (read as its absolute value) */
          quantity: number;
          article: {
            sku: string;
            name?: string;
            description?: string;
            imageUri?: string;
            targetUri?: string;
            [extra: string]: unknown;
          };
          pricePerUnit?: number;
          originalPricePerUnit?: number;
          totalPrice: number;
          originalTotalPrice?: number;
          /** Line discounts, e.g. [{ type, description, amount }]; any JSON is kept */
          discounts?: unknown;
          /** Line taxes, e.g. [{ description, percent, amount }]; any JSON is kept */
          taxes?: unknown;
          returnDetails?: {
            type: "Normal" | "Complaint" | "Change";
            reason?: string;
            [extra: string]: unknown;
          };
          /** Any JSON is kept */
          group?: unknown;
          [extra: string]: unknown;
        }[];
        subTotal: number;
        [extra: string]: unknown;
      };
      /** e.g. { items: [{ type, description, amount, reference }], total }; any JSON is kept */
      payments?: unknown;
      /** e.g. { items: [{ type, description, amount, taxes }], total }; any JSON is kept */
      fees?: unknown;
      /** e.g. { items: [{ type, description, amount }], total }; any JSON is kept */
      discounts?: unknown;
      taxes?: {
        description?: string;
        percent: number;
        amount: number;
        [extra: string]: unknown;
      }[];
      totalPrice?: number;
      delivery?: {
        method?: string;
        trackingNumber?: string;
        /** format: uri */
        trackingUri?: string;
        /** ISO 8601 with an offset; format: date-time */
        deliveryDate?: string;
        [extra: string]: unknown;
      };
      billingAddress?: {
        title?: string;
        firstname?: string;
        lastname?: string;
        careOf?: string;
        street?: string;
        zipCode?: string;
        city?: string;
        region?: string;
        countryCode?: string;
        email?: string;
        mobilePhone?: string;
        [extra: string]: unknown;
      };
      shippingAddress?: {
        title?: string;
        firstname?: string;
        lastname?: string;
        careOf?: string;
        street?: string;
        zipCode?: string;
        city?: string;
        region?: string;
        countryCode?: string;
        email?: string;
        mobilePhone?: string;
        [extra: string]: unknown;
      };
      orderAction?: {
        action: string;
        language?: string;
        /** Any JSON value (object or string) */
        data?: unknown;
        [extra: string]: unknown;
      };
      [extra: string]: unknown;
    };
    responses: {
      202: {
        jobId: string;
        status: "Pending";
        orderId: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "DELETE /api/v3/orders/{orderId}": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      202: {
        jobId: string;
        status: "Pending";
        orderId: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/orders/{orderId}/change-status": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: {
      /** Received, InProgress, Completed, Cancelled (any case), or your own status (kept as sent) */
      status?: string;
      externalStatus?: string;
      lineItems?: {
        id: string;
        externalStatus: string;
        [extra: string]: unknown;
      }[];
      orderAction?: {
        action: string;
        language?: string;
        /** Any JSON value (object or string) */
        data?: unknown;
        [extra: string]: unknown;
      };
      [extra: string]: unknown;
    };
    responses: {
      202: {
        jobId: string;
        status: "Pending";
        orderId: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/orders/{orderId}/change-delivery": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: {
      method?: string;
      trackingNumber?: string;
      /** format: uri */
      trackingUri?: string;
      /** ISO 8601 with an offset; format: date-time */
      deliveryDate?: string;
      orderAction?: {
        action: string;
        language?: string;
        /** Any JSON value (object or string) */
        data?: unknown;
        [extra: string]: unknown;
      };
      [extra: string]: unknown;
    };
    responses: {
      202: {
        jobId: string;
        status: "Pending";
        orderId: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/status": {
    params: Record<string, never>;
    query: {
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          jobId: string;
          status: "Pending" | "Processing" | "Succeeded" | "Failed";
          orderId: string;
          /** Create, Replace, Delete, ChangeStatus or ChangeDelivery */
          operation: string;
          /** format: date-time */
          acceptedAt: string;
          /** format: date-time */
          startedAt?: string;
          /** format: date-time */
          finishedAt?: string;
          /** The version the job wrote */
          versionTag?: string;
          /** Why the job failed */
          errorCode?: string;
          errors?: {
            path: string;
            message: string;
            [extra: string]: unknown;
          }[];
          /** Present once processing threw at least once (an outage or a bug) */
          attempts?: number;
          lastErrorCode?: string;
          /** format: date-time */
          lastErrorAt?: string;
          /** When a Pending job is tried again; format: date-time */
          retryAt?: string;
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      } | {
        orderId: "status";
        versionTag: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/{orderId}/versions": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        items: {
          versionTag: string;
          operation: string;
          jobId: string | null;
          /** format: date-time */
          processedAt: string;
          /** What differs from the version before: field names, lineItems[id] added|changed|removed, or created */
          changes: string[];
          [extra: string]: unknown;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/orders/{orderId}/action": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: {
      action: string;
      versionTag: string;
      language?: string;
      /** Any JSON value (object or string) */
      data?: unknown;
      [extra: string]: unknown;
    };
    responses: {
      202: {
        actionId: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/{orderId}/actions": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        items: {
          actionId: string;
          orderId: string;
          versionTag: string;
          action: string;
          language: string | null;
          /** As sent with the action */
          data: unknown;
          contactId: string | null;
          jobId: string | null;
          /** format: date-time */
          createdAt: string;
          [extra: string]: unknown;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/{orderId}/timeline": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        items: ({
          /** format: date-time */
          at: string;
          kind: "version";
          versionTag: string;
          operation: string;
          jobId: string;
          apiKeyName: string | null;
          changes: {
            path: string;
            before: unknown;
            after: unknown;
          }[];
          changesTruncated: boolean;
        } | {
          /** format: date-time */
          at: string;
          kind: "action";
          actionId: string;
          action: string;
          versionTag: string;
          language: string | null;
        } | {
          /** format: date-time */
          at: string;
          kind: "delivery";
          deliveryId: string;
          actionId: string;
          automationName: string;
          stepType: string;
          status: string;
          attempts: number;
          lastError: string | null;
          /** format: date-time */
          finishedAt: string | null;
        } | {
          /** format: date-time */
          at: string;
          kind: "receipt";
          uniqueReceiptId: string;
          receiptNumber: string | null;
          storeId: string;
          /** format: date-time */
          registeredAt: string;
        } | {
          /** format: date-time */
          at: string;
          kind: "log";
          logId: number;
          severity: string;
          errorCode: string;
          message: string;
          /** format: date-time */
          resolvedAt: string | null;
        })[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/jobs/{jobId}": {
    params: {
      jobId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        jobId: string;
        status: "Pending" | "Processing" | "Succeeded" | "Failed";
        orderId: string;
        /** Create, Replace, Delete, ChangeStatus or ChangeDelivery */
        operation: string;
        /** format: date-time */
        acceptedAt: string;
        /** format: date-time */
        startedAt?: string;
        /** format: date-time */
        finishedAt?: string;
        /** The version the job wrote */
        versionTag?: string;
        /** Why the job failed */
        errorCode?: string;
        errors?: {
          path: string;
          message: string;
          [extra: string]: unknown;
        }[];
        /** Present once processing threw at least once (an outage or a bug) */
        attempts?: number;
        lastErrorCode?: string;
        /** format: date-time */
        lastErrorAt?: string;
        /** When a Pending job is tried again; format: date-time */
        retryAt?: string;
        [extra: string]: unknown;
      };
      302: {
        jobId: string;
        status: "Pending" | "Processing" | "Succeeded" | "Failed";
        orderId: string;
        /** Create, Replace, Delete, ChangeStatus or ChangeDelivery */
        operation: string;
        /** format: date-time */
        acceptedAt: string;
        /** format: date-time */
        startedAt?: string;
        /** format: date-time */
        finishedAt?: string;
        /** The version the job wrote */
        versionTag?: string;
        /** Why the job failed */
        errorCode?: string;
        errors?: {
          path: string;
          message: string;
          [extra: string]: unknown;
        }[];
        /** Present once processing threw at least once (an outage or a bug) */
        attempts?: number;
        lastErrorCode?: string;
        /** format: date-time */
        lastErrorAt?: string;
        /** When a Pending job is tried again; format: date-time */
        retryAt?: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/jobs": {
    params: Record<string, never>;
    query: {
      status?: "Pending" | "Processing" | "Succeeded" | "Failed";
      orderId?: string;
      /** format: date-time */
      since?: string;
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          jobId: string;
          status: "Pending" | "Processing" | "Succeeded" | "Failed";
          orderId: string;
          /** Create, Replace, Delete, ChangeStatus or ChangeDelivery */
          operation: string;
          /** format: date-time */
          acceptedAt: string;
          /** format: date-time */
          startedAt?: string;
          /** format: date-time */
          finishedAt?: string;
          /** The version the job wrote */
          versionTag?: string;
          /** Why the job failed */
          errorCode?: string;
          errors?: {
            path: string;
            message: string;
            [extra: string]: unknown;
          }[];
          /** Present once processing threw at least once (an outage or a bug) */
          attempts?: number;
          lastErrorCode?: string;
          /** format: date-time */
          lastErrorAt?: string;
          /** When a Pending job is tried again; format: date-time */
          retryAt?: string;
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts": {
    params: Record<string, never>;
    query: {
      /** Prefix of a first, last or full name, email, mobile phone (digits) or member number; any case */
      q?: string;
      limit?: number;
      /** nextCursor of the previous page */
      cursor?: string;
    };
    body: never;
    responses: {
      200: {
        items: {
          id: string;
          firstName: string | null;
          lastName: string | null;
          email: string | null;
          mobilePhone: string | null;
          memberNumber: string | null;
          contactType: string;
          /** format: date-time */
          createdAt: string;
        }[];
        nextCursor: string | null;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/contacts": {
    params: Record<string, never>;
    query: {
      source?: string;
      storeExternalId?: string;
      createAsUnapproved?: boolean;
    };
    body: {
      /** Member (default), Contact (any case), or a custom type (kept as sent) */
      contactType?: string;
      email?: string;
      /** E.164, e.g. +46701234567 */
      mobilePhone?: string;
      memberNumber?: string;
      externalId?: string;
      /** Swedish personnummer (10 or 12 digits) or Finnish personal identity code (DDMMYY-NNNC) */
      socialSecurityNumber?: string;
      cardId?: string;
      firstName?: string;
      lastName?: string;
      [extra: string]: unknown;
    };
    responses: {
      201: {
        /** format: uuid */
        id: string;
        contactType: string;
        email: string | null;
        /** E.164 */
        mobilePhone: string | null;
        memberNumber: string | null;
        externalId: string | null;
        socialSecurityNumber: string | null;
        cardId: string | null;
        firstName: string | null;
        lastName: string | null;
        /** format: date-time */
        createdAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/{contactId}": {
    params: {
      contactId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        /** format: uuid */
        id: string;
        contactType: string;
        email: string | null;
        /** E.164 */
        mobilePhone: string | null;
        memberNumber: string | null;
        externalId: string | null;
        socialSecurityNumber: string | null;
        cardId: string | null;
        firstName: string | null;
        lastName: string | null;
        /** format: date-time */
        createdAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "PATCH /api/v3/contacts/{contactId}": {
    params: {
      contactId: string;
    };
    query: Record<string, never>;
    body: {
      /** Member (default), Contact (any case), or a custom type (kept as sent) */
      contactType?: string;
      email?: string;
      /** E.164, e.g. +46701234567 */
      mobilePhone?: string;
      memberNumber?: string;
      externalId?: string;
      /** Swedish personnummer (10 or 12 digits) or Finnish personal identity code (DDMMYY-NNNC) */
      socialSecurityNumber?: string;
      cardId?: string;
      firstName?: string;
      lastName?: string;
      [extra: string]: unknown;
    };
    responses: {
      200: {
        /** format: uuid */
        id: string;
        contactType: string;
        email: string | null;
        /** E.164 */
        mobilePhone: string | null;
        memberNumber: string | null;
        externalId: string | null;
        socialSecurityNumber: string | null;
        cardId: string | null;
        firstName: string | null;
        lastName: string | null;
        /** format: date-time */
        createdAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "DELETE /api/v3/contacts/{contactId}": {
    params: {
      contactId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      204: unknown;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/id": {
    params: Record<string, never>;
    query: {
      email?: string;
      mobilePhone?: string;
      socialSecurityNumber?: string;
      /** The memberNumber, or the externalId with CONTACT_CUSTOM_KEY=externalId */
      customKey?: string;
      /** Tried as email, socialSecurityNumber, mobilePhone, then customKey */
      any?: string;
      contactType?: string;
    };
    body: never;
    responses: {
      200: string;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/{contactId}/summary": {
    params: {
      contactId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        contactId: string;
        orders: number;
        /** Orders whose lines are all purchases */
        purchases: number;
        /** Orders whose lines are all returns */
        returns: number;
        mixed: number;
        /** Ongoing orders (Received, InProgress, or an ongoing status of your own) */
        openOrders: number;
        totals: {
          currency: string;
          /** Purchase orders' totals plus mixed orders' purchase lines; cancelled orders excluded */
          spent: string;
          /** Return orders' totals plus mixed orders' return lines, as a positive amount */
          returned: string;
          /** spent over the orders that bought something, rounded to 2 decimals */
          averageOrderValue: string;
        }[];
        /** format: date-time */
        firstPurchaseAt: string | null;
        /** format: date-time */
        lastPurchaseAt: string | null;
        segments: {
          id: string;
          name: string;
        }[];
        /** true when not every saved segment was checked (more than 50, or the check ran out of time) */
        segmentsTruncated: boolean;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/{contactId}/timeline": {
    params: {
      contactId: string;
    };
    query: {
      limit?: number;
      /** nextCursor of the previous page */
      cursor?: string;
    };
    body: never;
    responses: {
      200: {
        contactId: string;
        items: {
          /** format: date-time */
          at: string;
          /** order: a processed version (operation Create, Replace, ChangeStatus, ChangeDelivery…); receipt; action: an action triggered on an order; delivery: an automation step it caused */
          kind: "order" | "receipt" | "action" | "delivery";
          orderId: string | null;
          versionTag?: string;
          operation?: string;
          orderType?: "Purchase" | "Return" | "Mixed";
          status?: string | null;
          currency?: string | null;
          /** order: totalPrice (or lineItems.subTotal); receipt: totalGrossPrice; as sent */
          total?: string | null;
          uniqueReceiptId?: string;
          receiptNumber?: string | null;
          storeId?: string;
          actionId?: string;
          action?: string;
          language?: string | null;
          deliveryId?: string;
          automationName?: string;
          stepType?: string;
          attempts?: number;
          lastError?: string | null;
          [extra: string]: unknown;
        }[];
        nextCursor: string | null;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/stores": {
    params: Record<string, never>;
    query: {
      includeInactive?: boolean;
    };
    body: never;
    responses: {
      200: {
        externalId: string;
        name: string;
        timeZone: string | null;
        /** ECOMM or RETAIL */
        type: string;
        active: boolean;
        /** format: date-time */
        createdAt: string;
        [extra: string]: unknown;
      }[];
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/stores": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      externalId: string;
      name: string;
      /** Kept as sent, e.g. Europe/Stockholm or W. Europe Standard Time */
      timeZone?: string;
      /** ECOMM or RETAIL (also ecom, retail); default RETAIL */
      type?: "ECOMM" | "RETAIL" | "ecom";
      /** Default true; inactive stores are listed only with includeInactive=true */
      active?: boolean;
      [extra: string]: unknown;
    };
    responses: {
      201: {
        externalId: string;
        name: string;
        timeZone: string | null;
        /** ECOMM or RETAIL */
        type: string;
        active: boolean;
        /** format: date-time */
        createdAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/articles/{sku}": {
    params: {
      sku: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        sku: string;
        number: string;
        name: string;
        mainCategory: string;
        brand?: string;
        color?: string;
        size?: string;
        productCategory?: string;
        subCategory?: string;
        ageGroup?: string;
        gender?: string;
        description?: string;
        season?: string;
        gtin?: string;
        awardsBonus?: boolean;
        spare1?: string;
        spare2?: string;
        spare3?: string;
        spare4?: string;
        spare5?: string;
        spare6?: string;
        spare7?: string;
        spare8?: string;
        spare9?: string;
        spare10?: string;
        /** ISO 8601 date or datetime */
        dateSpare1?: string;
        /** ISO 8601 date or datetime */
        dateSpare2?: string;
        /** ISO 8601 date or datetime */
        dateSpare3?: string;
        /** ISO 8601 date or datetime */
        dateSpare4?: string;
        /** ISO 8601 date or datetime */
        dateSpare5?: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "PUT /api/v3/articles/{sku}": {
    params: {
      sku: string;
    };
    query: Record<string, never>;
    body: {
      sku?: string;
      number: string;
      name: string;
      mainCategory: string;
      brand?: string;
      color?: string;
      size?: string;
      productCategory?: string;
      subCategory?: string;
      ageGroup?: string;
      gender?: string;
      description?: string;
      season?: string;
      gtin?: string;
      awardsBonus?: boolean;
      spare1?: string;
      spare2?: string;
      spare3?: string;
      spare4?: string;
      spare5?: string;
      spare6?: string;
      spare7?: string;
      spare8?: string;
      spare9?: string;
      spare10?: string;
      /** ISO 8601 date or datetime */
      dateSpare1?: string;
      /** ISO 8601 date or datetime */
      dateSpare2?: string;
      /** ISO 8601 date or datetime */
      dateSpare3?: string;
      /** ISO 8601 date or datetime */
      dateSpare4?: string;
      /** ISO 8601 date or datetime */
      dateSpare5?: string;
      [extra: string]: unknown;
    };
    responses: {
      200: {
        sku: string;
        number: string;
        name: string;
        mainCategory: string;
        brand?: string;
        color?: string;
        size?: string;
        productCategory?: string;
        subCategory?: string;
        ageGroup?: string;
        gender?: string;
        description?: string;
        season?: string;
        gtin?: string;
        awardsBonus?: boolean;
        spare1?: string;
        spare2?: string;
        spare3?: string;
        spare4?: string;
        spare5?: string;
        spare6?: string;
        spare7?: string;
        spare8?: string;
        spare9?: string;
        spare10?: string;
        /** ISO 8601 date or datetime */
        dateSpare1?: string;
        /** ISO 8601 date or datetime */
        dateSpare2?: string;
        /** ISO 8601 date or datetime */
        dateSpare3?: string;
        /** ISO 8601 date or datetime */
        dateSpare4?: string;
        /** ISO 8601 date or datetime */
        dateSpare5?: string;
        [extra: string]: unknown;
      };
      201: {
        sku: string;
        number: string;
        name: string;
        mainCategory: string;
        brand?: string;
        color?: string;
        size?: string;
        productCategory?: string;
        subCategory?: string;
        ageGroup?: string;
        gender?: string;
        description?: string;
        season?: string;
        gtin?: string;
        awardsBonus?: boolean;
        spare1?: string;
        spare2?: string;
        spare3?: string;
        spare4?: string;
        spare5?: string;
        spare6?: string;
        spare7?: string;
        spare8?: string;
        spare9?: string;
        spare10?: string;
        /** ISO 8601 date or datetime */
        dateSpare1?: string;
        /** ISO 8601 date or datetime */
        dateSpare2?: string;
        /** ISO 8601 date or datetime */
        dateSpare3?: string;
        /** ISO 8601 date or datetime */
        dateSpare4?: string;
        /** ISO 8601 date or datetime */
        dateSpare5?: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/articles": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: unknown[];
    responses: {
      200: {
        imported: number;
        failed: number;
        errorsTruncated?: boolean;
        errors: {
          index?: number;
          line?: number;
          sku: string | null;
          field: string;
          message: string;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/integration-log": {
    params: Record<string, never>;
    query: {
      /** e.g. Orders */
      type?: string;
      severity?: "Warning" | "Error";
      errorCode?: string;
      orderId?: string;
      /** true: only resolved entries; false: only open ones */
      resolved?: boolean;
      /** Entries created at or after; format: date-time */
      since?: string;
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          id: number;
          type: string;
          /** Warning or Error */
          severity: string;
          errorCode: string;
          /** As written by the latest write that met the problem */
          message: string;
          orderId: string | null;
          jobId: string | null;
          details: unknown;
          /** How many writes met this problem while the entry was open */
          count: number;
          /** When a write first met the problem; format: date-time */
          createdAt: string;
          /** When a write last met it; format: date-time */
          lastSeenAt: string;
          /** format: date-time */
          resolvedAt: string | null;
          /** The API key that resolved it; null while open or when the missing reference arrived (late binding) */
          resolvedBy: string | null;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/integration-log/{id}/resolve": {
    params: {
      id: number;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        id: number;
        type: string;
        /** Warning or Error */
        severity: string;
        errorCode: string;
        /** As written by the latest write that met the problem */
        message: string;
        orderId: string | null;
        jobId: string | null;
        details: unknown;
        /** How many writes met this problem while the entry was open */
        count: number;
        /** When a write first met the problem; format: date-time */
        createdAt: string;
        /** When a write last met it; format: date-time */
        lastSeenAt: string;
        /** format: date-time */
        resolvedAt: string | null;
        /** The API key that resolved it; null while open or when the missing reference arrived (late binding) */
        resolvedBy: string | null;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/integration-log/resolve": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      ids: number[];
    };
    responses: {
      200: {
        /** Entries this request resolved */
        resolved: {
          id: number;
          type: string;
          /** Warning or Error */
          severity: string;
          errorCode: string;
          /** As written by the latest write that met the problem */
          message: string;
          orderId: string | null;
          jobId: string | null;
          details: unknown;
          /** How many writes met this problem while the entry was open */
          count: number;
          /** When a write first met the problem; format: date-time */
          createdAt: string;
          /** When a write last met it; format: date-time */
          lastSeenAt: string;
          /** format: date-time */
          resolvedAt: string | null;
          /** The API key that resolved it; null while open or when the missing reference arrived (late binding) */
          resolvedBy: string | null;
        }[];
        /** Entries resolved before; left as they were */
        alreadyResolved: {
          id: number;
          type: string;
          /** Warning or Error */
          severity: string;
          errorCode: string;
          /** As written by the latest write that met the problem */
          message: string;
          orderId: string | null;
          jobId: string | null;
          details: unknown;
          /** How many writes met this problem while the entry was open */
          count: number;
          /** When a write first met the problem; format: date-time */
          createdAt: string;
          /** When a write last met it; format: date-time */
          lastSeenAt: string;
          /** format: date-time */
          resolvedAt: string | null;
          /** The API key that resolved it; null while open or when the missing reference arrived (late binding) */
          resolvedBy: string | null;
        }[];
        /** Ids no entry has */
        notFound: number[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/receipts": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      contact?: {
        matchKey: string;
        matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
        contactType?: string;
        [extra: string]: unknown;
      };
      uniqueReceiptId: string;
      receiptNumber?: string;
      /** ISO 8601 with an offset; format: date-time */
      createdDate: string;
      storeExternalId: string;
      /** ISO 4217 */
      currency: string;
      exchangeRateToGroupCurrency?: number;
      /** Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns */
      totalGrossPrice: number;
      /** Values sum to totalGrossPrice */
      paymentMethods: {
        type?: string;
        description?: string;
        value: number;
        [extra: string]: unknown;
      }[];
      items: {
        type: "PURCHASE" | "RETURN" | "ADJUSTMENT";
        sku: string;
        /** Negative on RETURN lines, never elsewhere */
        quantity: number;
        /** Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines */
        grossPaidPrice: number;
        taxAmount: number;
        taxPercent: number;
        articleNumber: string;
        articleName: string;
        discounts?: {
          /** Zero or negative */
          value: number;
          type?: string;
          description?: string;
          [extra: string]: unknown;
        }[];
        [extra: string]: unknown;
      }[];
      taxDetails?: {
        [extra: string]: unknown;
      }[];
      usedPromotions?: unknown[] | {
        [extra: string]: unknown;
      };
      /** An object, or [{ name, value }] as on items */
      extraData?: {
        [extra: string]: unknown;
      } | {
        name: string;
        value: unknown;
        [extra: string]: unknown;
      }[];
      orderId?: string;
      [extra: string]: unknown;
    };
    responses: {
      200: {
        contact?: {
          matchKey: string;
          matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
          contactType?: string;
          [extra: string]: unknown;
        };
        uniqueReceiptId: string;
        receiptNumber?: string;
        /** ISO 8601 with an offset; format: date-time */
        createdDate: string;
        storeExternalId: string;
        /** ISO 4217 */
        currency: string;
        exchangeRateToGroupCurrency?: number;
        /** Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns */
        totalGrossPrice: number;
        /** Values sum to totalGrossPrice */
        paymentMethods: {
          type?: string;
          description?: string;
          value: number;
          [extra: string]: unknown;
        }[];
        items: {
          type: "PURCHASE" | "RETURN" | "ADJUSTMENT";
          sku: string;
          /** Negative on RETURN lines, never elsewhere */
          quantity: number;
          /** Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines */
          grossPaidPrice: number;
          taxAmount: number;
          taxPercent: number;
          articleNumber: string;
          articleName: string;
          discounts?: {
            /** Zero or negative */
            value: number;
            type?: string;
            description?: string;
            [extra: string]: unknown;
          }[];
          [extra: string]: unknown;
        }[];
        taxDetails?: {
          [extra: string]: unknown;
        }[];
        usedPromotions?: unknown[] | {
          [extra: string]: unknown;
        };
        /** An object, or [{ name, value }] as on items */
        extraData?: {
          [extra: string]: unknown;
        } | {
          name: string;
          value: unknown;
          [extra: string]: unknown;
        }[];
        orderId?: string;
        /** The contact the receipt was linked to, if any */
        contactId: string | null;
        /** format: date-time */
        registeredAt: string;
        [extra: string]: unknown;
      };
      201: {
        contact?: {
          matchKey: string;
          matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
          contactType?: string;
          [extra: string]: unknown;
        };
        uniqueReceiptId: string;
        receiptNumber?: string;
        /** ISO 8601 with an offset; format: date-time */
        createdDate: string;
        storeExternalId: string;
        /** ISO 4217 */
        currency: string;
        exchangeRateToGroupCurrency?: number;
        /** Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns */
        totalGrossPrice: number;
        /** Values sum to totalGrossPrice */
        paymentMethods: {
          type?: string;
          description?: string;
          value: number;
          [extra: string]: unknown;
        }[];
        items: {
          type: "PURCHASE" | "RETURN" | "ADJUSTMENT";
          sku: string;
          /** Negative on RETURN lines, never elsewhere */
          quantity: number;
          /** Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines */
          grossPaidPrice: number;
          taxAmount: number;
          taxPercent: number;
          articleNumber: string;
          articleName: string;
          discounts?: {
            /** Zero or negative */
            value: number;
            type?: string;
            description?: string;
            [extra: string]: unknown;
          }[];
          [extra: string]: unknown;
        }[];
        taxDetails?: {
          [extra: string]: unknown;
        }[];
        usedPromotions?: unknown[] | {
          [extra: string]: unknown;
        };
        /** An object, or [{ name, value }] as on items */
        extraData?: {
          [extra: string]: unknown;
        } | {
          name: string;
          value: unknown;
          [extra: string]: unknown;
        }[];
        orderId?: string;
        /** The contact the receipt was linked to, if any */
        contactId: string | null;
        /** format: date-time */
        registeredAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/orders/{orderId}/receipts": {
    params: {
      orderId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        items: {
          contact?: {
            matchKey: string;
            matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
            contactType?: string;
            [extra: string]: unknown;
          };
          uniqueReceiptId: string;
          receiptNumber?: string;
          /** ISO 8601 with an offset; format: date-time */
          createdDate: string;
          storeExternalId: string;
          /** ISO 4217 */
          currency: string;
          exchangeRateToGroupCurrency?: number;
          /** Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns */
          totalGrossPrice: number;
          /** Values sum to totalGrossPrice */
          paymentMethods: {
            type?: string;
            description?: string;
            value: number;
            [extra: string]: unknown;
          }[];
          items: {
            type: "PURCHASE" | "RETURN" | "ADJUSTMENT";
            sku: string;
            /** Negative on RETURN lines, never elsewhere */
            quantity: number;
            /** Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines */
            grossPaidPrice: number;
            taxAmount: number;
            taxPercent: number;
            articleNumber: string;
            articleName: string;
            discounts?: {
              /** Zero or negative */
              value: number;
              type?: string;
              description?: string;
              [extra: string]: unknown;
            }[];
            [extra: string]: unknown;
          }[];
          taxDetails?: {
            [extra: string]: unknown;
          }[];
          usedPromotions?: unknown[] | {
            [extra: string]: unknown;
          };
          /** An object, or [{ name, value }] as on items */
          extraData?: {
            [extra: string]: unknown;
          } | {
            name: string;
            value: unknown;
            [extra: string]: unknown;
          }[];
          orderId?: string;
          /** The contact the receipt was linked to, if any */
          contactId: string | null;
          /** format: date-time */
          registeredAt: string;
          [extra: string]: unknown;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/{contactId}/receipts": {
    params: {
      contactId: string;
    };
    query: {
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          contact?: {
            matchKey: string;
            matchKeyType: "ContactId" | "Email" | "MobilePhone" | "MemberNumber" | "ExternalId" | "SocialSecurityNumber" | "CardId" | "MemberNumberWithCardNumberAsFallback";
            contactType?: string;
            [extra: string]: unknown;
          };
          uniqueReceiptId: string;
          receiptNumber?: string;
          /** ISO 8601 with an offset; format: date-time */
          createdDate: string;
          storeExternalId: string;
          /** ISO 4217 */
          currency: string;
          exchangeRateToGroupCurrency?: number;
          /** Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns */
          totalGrossPrice: number;
          /** Values sum to totalGrossPrice */
          paymentMethods: {
            type?: string;
            description?: string;
            value: number;
            [extra: string]: unknown;
          }[];
          items: {
            type: "PURCHASE" | "RETURN" | "ADJUSTMENT";
            sku: string;
            /** Negative on RETURN lines, never elsewhere */
            quantity: number;
            /** Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines */
            grossPaidPrice: number;
            taxAmount: number;
            taxPercent: number;
            articleNumber: string;
            articleName: string;
            discounts?: {
              /** Zero or negative */
              value: number;
              type?: string;
              description?: string;
              [extra: string]: unknown;
            }[];
            [extra: string]: unknown;
          }[];
          taxDetails?: {
            [extra: string]: unknown;
          }[];
          usedPromotions?: unknown[] | {
            [extra: string]: unknown;
          };
          /** An object, or [{ name, value }] as on items */
          extraData?: {
            [extra: string]: unknown;
          } | {
            name: string;
            value: unknown;
            [extra: string]: unknown;
          }[];
          orderId?: string;
          /** The contact the receipt was linked to, if any */
          contactId: string | null;
          /** format: date-time */
          registeredAt: string;
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/contacts/{contactId}/export": {
    params: {
      contactId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        /** A contact, with every field the client sent */
        contact: {
          /** format: uuid */
          id: string;
          contactType: string;
          email: string | null;
          /** E.164 */
          mobilePhone: string | null;
          memberNumber: string | null;
          externalId: string | null;
          socialSecurityNumber: string | null;
          cardId: string | null;
          firstName: string | null;
          lastName: string | null;
          /** format: date-time */
          createdAt: string;
          [extra: string]: unknown;
        };
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/segments/preview": {
    params: Record<string, never>;
    query: {
      offset?: number;
      count?: number;
    };
    body: {
      /** and / or / not over { hasOrder: {…} } and { contact: {…} } conditions; see docs/segments.md */
      filter: unknown;
    };
    responses: {
      200: {
        count: number;
        contactIds: string[];
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/segments": {
    params: Record<string, never>;
    query: {
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          id: string;
          name: string;
          /** As saved; see docs/segments.md */
          filter: unknown;
          /** format: date-time */
          createdAt: string;
          links: {
            rel: string;
            href: string;
            method: string;
          }[];
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/segments": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      name: string;
      /** and / or / not over { hasOrder: {…} } and { contact: {…} } conditions; see docs/segments.md */
      filter: unknown;
    };
    responses: {
      201: {
        id: string;
        name: string;
        /** As saved; see docs/segments.md */
        filter: unknown;
        /** format: date-time */
        createdAt: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/segments/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        id: string;
        name: string;
        /** As saved; see docs/segments.md */
        filter: unknown;
        /** format: date-time */
        createdAt: string;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "DELETE /api/v3/segments/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      204: unknown;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/segments/{id}/contacts": {
    params: {
      id: string;
    };
    query: {
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          contactId: string;
          firstName: string | null;
          lastName: string | null;
          email: string | null;
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/segments/values": {
    params: Record<string, never>;
    query: {
      /** A lineItem attribute of the segment filter */
      attribute: "brand" | "mainCategory" | "productCategory" | "color" | "size" | "season" | "gender";
      q?: string;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        attribute: string;
        q: string;
        items: {
          value: string;
          /** Articles in the register with this value (any letter case) */
          articles: number;
          [extra: string]: unknown;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/segments/{id}/contacts.csv": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: string;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/automations": {
    params: Record<string, never>;
    query: {
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          /** format: uuid */
          id: string;
          name: string;
          trigger: {
            action: string;
            [extra: string]: unknown;
          };
          steps: {
            type: string;
            [extra: string]: unknown;
          }[];
          /** format: date-time */
          createdAt: string;
          /** format: date-time */
          updatedAt: string;
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/automations": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      name: string;
      trigger: {
        /** Action name, matched case-insensitively */
        action: string;
      };
      steps: {
        type: "email" | "webhook";
        /** email: liquid template of the subject */
        subject?: string;
        /** email: liquid template of the plain-text body */
        text?: string;
        /** email: liquid template of the HTML body */
        html?: string;
        /** email: per language ("sv-SE", then "sv", then the default above) */
        templates?: {
          [extra: string]: {
            /** email: liquid template of the subject */
            subject?: string;
            /** email: liquid template of the plain-text body */
            text?: string;
            /** email: liquid template of the HTML body */
            html?: string;
          };
        };
        /** webhook: http(s) URL receiving a signed JSON POST */
        url?: string;
        /** webhook: HMAC-SHA256 key; write-only, never returned */
        secret?: string;
      }[];
    };
    responses: {
      201: {
        /** format: uuid */
        id: string;
        name: string;
        trigger: {
          action: string;
          [extra: string]: unknown;
        };
        steps: {
          type: string;
          [extra: string]: unknown;
        }[];
        /** format: date-time */
        createdAt: string;
        /** format: date-time */
        updatedAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/automations/runs": {
    params: Record<string, never>;
    query: {
      orderId?: string;
      action?: string;
      status?: "Pending" | "Succeeded" | "Failed";
      /** Keyset cursor from a next link: the page starts after that run */
      after?: string;
      offset?: number;
      count?: number;
    };
    body: never;
    responses: {
      200: {
        items: {
          runId: string;
          status: "Pending" | "Succeeded" | "Failed";
          automationId: string;
          automationName: string;
          actionId: string;
          action: string;
          orderId: string;
          versionTag: string;
          contactId: string | null;
          language: string | null;
          /** format: date-time */
          occurredAt: string;
          /** format: date-time */
          createdAt: string;
          deliveries: {
            eventId: string;
            stepIndex: number;
            type: string;
            target: string | null;
            status: "Pending" | "Delivering" | "Delivered" | "Skipped" | "Failed";
            attempts: number;
            lastError: string | null;
            /** format: date-time */
            nextAttemptAt: string | null;
            /** format: date-time */
            createdAt: string;
            /** format: date-time */
            updatedAt: string;
            /** format: date-time */
            finishedAt: string | null;
            attemptLog: {
              [extra: string]: unknown;
            }[];
          }[];
          [extra: string]: unknown;
        }[];
        totalCount: number;
        offset: number;
        count: number;
        links: {
          rel: string;
          href: string;
          method: string;
        }[];
        /** totalCount stopped counting at its cap */
        totalCountCapped?: boolean;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/automations/deliveries/{eventId}/retry": {
    params: {
      eventId: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      202: {
        eventId: string;
        stepIndex: number;
        type: string;
        target: string | null;
        status: "Pending" | "Delivering" | "Delivered" | "Skipped" | "Failed";
        attempts: number;
        lastError: string | null;
        /** format: date-time */
        nextAttemptAt: string | null;
        /** format: date-time */
        createdAt: string;
        /** format: date-time */
        updatedAt: string;
        /** format: date-time */
        finishedAt: string | null;
        attemptLog: {
          [extra: string]: unknown;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/automations/deliveries/retry": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      /** format: uuid */
      automationId?: string;
      /** Deliveries that failed at or after this time; format: date-time */
      since?: string;
      /** Deliveries that failed before this time; format: date-time */
      until?: string;
      limit?: number;
    };
    responses: {
      202: {
        redriven: number;
        eventIds: string[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/automations/preview": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      /** Render this saved automation (or give steps) */
      automationId?: string;
      /** The order to render against, at its current version */
      orderId: string;
      /** action.name in templates; default the automation's trigger */
      action?: string;
      /** Picks the language template as a triggered action would */
      language?: string;
      /** action.data in templates */
      data?: {
        [extra: string]: unknown;
      };
      /** Unsaved steps to render (an editor draft); default the saved ones */
      steps?: {
        type: "email" | "webhook";
        /** email: liquid template of the subject */
        subject?: string;
        /** email: liquid template of the plain-text body */
        text?: string;
        /** email: liquid template of the HTML body */
        html?: string;
        /** email: per language ("sv-SE", then "sv", then the default above) */
        templates?: {
          [extra: string]: {
            /** email: liquid template of the subject */
            subject?: string;
            /** email: liquid template of the plain-text body */
            text?: string;
            /** email: liquid template of the HTML body */
            html?: string;
          };
        };
        /** webhook: http(s) URL receiving a signed JSON POST */
        url?: string;
        /** webhook: HMAC-SHA256 key; write-only, never returned */
        secret?: string;
      }[];
    };
    responses: {
      200: {
        orderId: string;
        versionTag: string;
        contactId: string | null;
        action: string;
        language: string | null;
        steps: {
          stepIndex: number;
          type: "email" | "webhook";
          /** email: the contact's address */
          to?: string | null;
          /** email: the language template used, or "default" */
          template?: string;
          /** email: why a delivery would skip it */
          skipped?: string | null;
          subject?: string;
          text?: string;
          html?: string;
          /** webhook: the receiver */
          url?: string;
          /** webhook: the JSON body it would post (eventId and actionId read "preview") */
          body?: {
            [extra: string]: unknown;
          };
          [extra: string]: unknown;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/automations/{id}/test-send": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: {
      /** The order to render against, at its current version */
      orderId: string;
      /** action.name in templates; default the automation's trigger */
      action?: string;
      /** Picks the language template as a triggered action would */
      language?: string;
      /** action.data in templates */
      data?: {
        [extra: string]: unknown;
      };
      /** Unsaved steps to render (an editor draft); default the saved ones */
      steps?: {
        type: "email" | "webhook";
        /** email: liquid template of the subject */
        subject?: string;
        /** email: liquid template of the plain-text body */
        text?: string;
        /** email: liquid template of the HTML body */
        html?: string;
        /** email: per language ("sv-SE", then "sv", then the default above) */
        templates?: {
          [extra: string]: {
            /** email: liquid template of the subject */
            subject?: string;
            /** email: liquid template of the plain-text body */
            text?: string;
            /** email: liquid template of the HTML body */
            html?: string;
          };
        };
        /** webhook: http(s) URL receiving a signed JSON POST */
        url?: string;
        /** webhook: HMAC-SHA256 key; write-only, never returned */
        secret?: string;
      }[];
      /** Where the test goes, instead of the contact's address; format: email */
      to: string;
    };
    responses: {
      200: {
        to: string;
        orderId: string;
        sent: {
          stepIndex: number;
          subject: string;
          messageId: string;
          where: string;
          [extra: string]: unknown;
        }[];
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/automations/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        /** format: uuid */
        id: string;
        name: string;
        trigger: {
          action: string;
          [extra: string]: unknown;
        };
        steps: {
          type: string;
          [extra: string]: unknown;
        }[];
        /** format: date-time */
        createdAt: string;
        /** format: date-time */
        updatedAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "PUT /api/v3/automations/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: {
      name: string;
      trigger: {
        /** Action name, matched case-insensitively */
        action: string;
      };
      steps: {
        type: "email" | "webhook";
        /** email: liquid template of the subject */
        subject?: string;
        /** email: liquid template of the plain-text body */
        text?: string;
        /** email: liquid template of the HTML body */
        html?: string;
        /** email: per language ("sv-SE", then "sv", then the default above) */
        templates?: {
          [extra: string]: {
            /** email: liquid template of the subject */
            subject?: string;
            /** email: liquid template of the plain-text body */
            text?: string;
            /** email: liquid template of the HTML body */
            html?: string;
          };
        };
        /** webhook: http(s) URL receiving a signed JSON POST */
        url?: string;
        /** webhook: HMAC-SHA256 key; write-only, never returned */
        secret?: string;
      }[];
    };
    responses: {
      200: {
        /** format: uuid */
        id: string;
        name: string;
        trigger: {
          action: string;
          [extra: string]: unknown;
        };
        steps: {
          type: string;
          [extra: string]: unknown;
        }[];
        /** format: date-time */
        createdAt: string;
        /** format: date-time */
        updatedAt: string;
        [extra: string]: unknown;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "DELETE /api/v3/automations/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      204: unknown;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/keys/me": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        name: string;
        scope: "read" | "write" | "admin";
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "GET /api/v3/keys": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: never;
    responses: {
      200: {
        items: {
          /** format: uuid */
          id: string;
          name: string;
          scope: "read" | "write" | "admin";
          /** format: date-time */
          createdAt: string;
        }[];
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "POST /api/v3/keys": {
    params: Record<string, never>;
    query: Record<string, never>;
    body: {
      name: string;
      scope: "read" | "write" | "admin";
    };
    responses: {
      201: {
        /** format: uuid */
        id: string;
        name: string;
        scope: "read" | "write" | "admin";
        /** format: date-time */
        createdAt: string;
        /** Shown once; only its hash is stored */
        secret: string;
      };
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
  "DELETE /api/v3/keys/{id}": {
    params: {
      id: string;
    };
    query: Record<string, never>;
    body: never;
    responses: {
      204: unknown;
      "4XX": Schemas["Problem"];
      "5XX": Schemas["Problem"];
    };
  };
}

export type Route = keyof Operations;
/** The body of a route's successful answer (200, 201 or 202). */
export type AnswerOf<R extends Route> = Operations[R]['responses'] extends infer A
  ? A extends { 200: infer T } ? T : A extends { 201: infer T } ? T : A extends { 202: infer T } ? T : unknown
  : never;
export type BodyOf<R extends Route> = Operations[R]['body'];
export type QueryOf<R extends Route> = Operations[R]['query'];
