// Answer schemas of jobs: what presentJob and acceptedAnswer (present.ts) give out.
import { Type } from 'typebox';
import { DateTime, FieldErrorSchema, Link, PageOf, open } from '../http/schemas.js';

export const JobAnswer = Type.Object(
  {
    jobId: Type.String(),
    status: Type.Enum(['Pending', 'Processing', 'Succeeded', 'Failed']),
    orderId: Type.String(),
    operation: Type.String({ description: 'Create, Replace, Delete, ChangeStatus or ChangeDelivery' }),
    acceptedAt: DateTime,
    startedAt: Type.Optional(DateTime),
    finishedAt: Type.Optional(DateTime),
    versionTag: Type.Optional(Type.String({ description: 'The version the job wrote' })),
    errorCode: Type.Optional(Type.String({ description: 'Why the job failed' })),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    attempts: Type.Optional(Type.Integer({ description: 'Present once processing threw at least once (an outage or a bug)' })),
    lastErrorCode: Type.Optional(Type.String()),
    lastErrorAt: Type.Optional(DateTime),
    retryAt: Type.Optional(Type.String({ format: 'date-time', description: 'When a Pending job is tried again' })),
  },
  { ...open, title: 'Job' },
);

export const JobPage = PageOf(JobAnswer, { title: 'JobPage' });

/** 202 to an order write: follow links[rel=status] (also the Location header). */
export const AcceptedAnswer = Type.Object(
  { jobId: Type.String(), status: Type.Literal('Pending'), orderId: Type.String(), links: Type.Array(Link) },
  { ...open, title: 'Accepted' },
);
