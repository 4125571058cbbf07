// @fastify/rate-limit, off unless a route asks (`config: { rateLimit: { max, timeWindow } }`),
// answering like every other refusal: problem+json, here with Retry-After.
import type { RateLimitPluginOptions } from '@fastify/rate-limit'
import { HttpProblem } from './problem'

export const RATE_LIMIT_OPTIONS: RateLimitPluginOptions = {
  global: false,
  // Built, not sent: the app's error handler answers it, after the plugin has set Retry-After.
  errorResponseBuilder: (_request, context) =>
    new HttpProblem(429, 'Too many requests', `at most ${context.max} requests in this window from one address; retry in ${context.after}`, undefined, 'too_many_requests'),
}
