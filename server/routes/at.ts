// Spreads a route of the contract's table into Hono's `on(method, pattern, ...handlers)`.
import type { Route } from '../../shared/api/routes.ts';

/** `app.on(...at(routes.getClient), handler)`: the route's method and pattern, typed as literals. */
export function at<R extends Route>(route: R): [R['method'], R['pattern']] {
  return [route.method, route.pattern];
}
