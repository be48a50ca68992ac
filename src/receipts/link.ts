// Late binding applied to receipts (contract §7 decision): a receipt stored
// before its contact existed is linked when the contact is registered, by the
// same linker and sweep as orders (src/contacts/late-binding.ts). The resolved
// log entries are found by their ref key, which receipts write like orders do.
import { lateBoundTables } from '../contacts/late-binding.js';

lateBoundTables.push({ table: 'receipts', idColumn: 'unique_receipt_id' });
