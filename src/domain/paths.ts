// Where orders and jobs live on the wire (Location headers, links).
export const orderPath = (orderId: string) => `/api/v3/orders/${encodeURIComponent(orderId)}`;
export const jobPath = (jobId: string) => `/api/v3/orders/jobs/${jobId}`;
