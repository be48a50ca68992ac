// Receipts (transactions): final, never changed; tied to orders and contacts.
import type { Capability } from '../app/capability.js';
import { receiptRules } from './rules.js';
import { contactReceipts, listReceiptIds } from './hooks.js';
import { receiptRoutes } from './routes.js';

export const receipts: Capability = {
  name: 'receipts',
  routes: receiptRoutes,
  semanticChecks: { receipt: receiptRules },
  orderDecorators: [listReceiptIds],
  contactData: [{ ...contactReceipts, after: ['orders'] }],
  // A receipt stored before its contact existed is linked by the same linker and sweep as orders.
  lateBound: [{ table: 'receipts', idColumn: 'unique_receipt_id' }],
};
