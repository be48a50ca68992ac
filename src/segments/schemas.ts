// Answer schemas of the segment member routes. Objects stay open (additionalProperties:
// true) so that fast serialisation never drops a field added later.
import { Type } from 'typebox';
import { Link } from '../http/paging.js';

const open = { additionalProperties: true } as const;
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

export const Member = Type.Object(
  {
    contactId: Type.String(),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    email: Nullable(Type.String()),
  },
  { ...open, title: 'SegmentMember' },
);

export const MemberPage = Type.Object(
  { items: Type.Array(Member), totalCount: Type.Integer(), offset: Type.Integer(), count: Type.Integer(), links: Type.Array(Link) },
  open,
);

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
