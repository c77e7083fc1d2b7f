// Which screen shows: the route from the address bar, kept in the history as the person moves, and
// led to the account screens while signed out (see routeFor).
import { Model } from './model.ts';
import { parseRoute, routeFor, routePath, type Route } from './route.ts';

export class Router extends Model {
  route: Route = parseRoute(location.pathname);
  /** Whether someone is signed in; null while starting (every route stands as asked). */
  signedIn: boolean | null = null;

  /** @param visited told after each move, so screens can load afresh what they show */
  constructor(private readonly _visited: (next: Route, previous: Route) => void) {
    super();
  }

  /** Follows the browser's Back and Forward. */
  start(): void {
    addEventListener('popstate', () => this.show(parseRoute(location.pathname), false));
  }

  navigate(route: Route): void {
    this.show(route, true);
  }

  /** Shows `route` (or where it leads for who is signed in); `push` adds a history entry. */
  show(route: Route, push: boolean): void {
    const next = this.signedIn === null ? route : routeFor(route, this.signedIn);
    const path = routePath(next);
    if (push && location.pathname !== path) history.pushState(null, '', path);
    else if (location.pathname !== path) history.replaceState(null, '', path);
    const previous = this.route;
    this.route = next;
    this._visited(next, previous);
    this._changed();
  }
}
