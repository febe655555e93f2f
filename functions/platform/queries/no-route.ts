import { routeHandler } from '../http/api-handler';
import { HttpError } from '../http/problem';

/** The $default route: a request no route matches gets a problem too, naming what was asked. */
export const handler = routeHandler('signed-in', async (event) => {
  const { method, path } = event.requestContext.http;
  throw new HttpError(404, 'Not Found', `no route for ${method} ${path}; see the API table in README.md`);
});
