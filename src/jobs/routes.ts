// Job routes: follow an accepted write to its outcome.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import type { ErrorCode } from '../domain/errors.js';
import { PagingQuery, page } from '../http/paging.js';
import { ApiError, problem } from '../http/problem.js';
import { orderPath } from '../domain/paths.js';
import { answers, asAnswer } from '../http/schemas.js';
import { JobAnswer, JobPage } from './answers.js';
import { presentJob } from './present.js';

const tags = ['Jobs'];

export async function jobRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v3/orders/jobs/:jobId',
    {
      schema: {
        tags,
        summary: 'Follow a job: 200 while open, 302 to the order on success, 422 on failure',
        params: Type.Object({ jobId: Type.String() }),
        // A failed job is a 422 problem carrying the job's fields (jobStatus for its status).
        response: answers({ 200: JobAnswer, 302: { ...JobAnswer, description: 'Succeeded: Location is the order' } }),
      },
    },
    async (request, reply) => {
      const job = await ctx.queue.get(request.params.jobId);
      if (!job) throw new ApiError('JobNotFound', `Job ${request.params.jobId} does not exist`);
      const body = presentJob(job);
      if (job.status === 'Failed') {
        const { errorCode, errors, status, ...rest } = body;
        const answer = problem(errorCode as ErrorCode, `Job ${job.id} failed`, errors as never, { ...rest, jobStatus: status }, 422);
        return reply.code(422).type('application/problem+json').send(answer);
      }
      if (job.status === 'Succeeded' && job.version_tag) return reply.code(302).header('location', orderPath(job.order_id)).send(asAnswer(JobAnswer, body));
      return asAnswer(JobAnswer, body);
    },
  );

  app.get(
    '/api/v3/orders/jobs',
    {
      schema: {
        tags,
        summary: 'List jobs, newest first',
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['Pending', 'Processing', 'Succeeded', 'Failed'])),
          orderId: Type.Optional(Type.String()),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          ...PagingQuery,
        }),
        response: answers({ 200: JobPage }),
      },
    },
    async (request) => {
      const { status, orderId, since, offset = 0, count = 10 } = request.query;
      const result = await ctx.queue.list({ status, orderId, since, offset, count });
      return asAnswer(JobPage, page(request.url, result.items.map(presentJob), result.totalCount, offset, count));
    },
  );
}
