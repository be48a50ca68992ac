// Answer schemas of the segment member routes. Objects stay open (additionalProperties:
// true) so that fast serialisation never drops a field added later.
import { Type } from 'typebox';
import { Nullable, PageOf, open } from '../http/schemas.js';

export const Member = Type.Object(
  {
    contactId: Type.String(),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    email: Nullable(Type.String()),
  },
  { ...open, title: 'SegmentMember' },
);

export const MemberPage = PageOf(Member);

export const ValuesAnswer = Type.Object(
  {
    attribute: Type.String(),
    q: Type.String(),
    items: Type.Array(
      Type.Object({ value: Type.String(), articles: Type.Integer({ description: 'Articles in the register with this value (any letter case)' }) }, open),
    ),
  },
  open,
);
