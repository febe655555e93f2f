import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodMiniType } from './zod';
import type { Caller, RouteAccess } from '../domain';
import type { Decider } from '../domain/decider';
import { ConcurrencyError, decideAndAppend, loadState, type EventStore, type ExtraWrite, type NewEvent } from '../eventstore';
import { commandHandler, requestContext, routeHandler, type ApiResult } from './api-handler';
import { ensureWithinBudget } from './caller-budget';
import { requestCaller } from './caller';
import type { IdempotencyStore } from './idempotency';
import { idempotentRequest } from './idempotency';
import { ifMatchVersion } from './if-match';
import { HttpError } from './problem';
import { json } from './responses';
import { preferredWait, waitFor } from './prefer-wait';

export type CommandRequest<Body> = { body: Body; event: APIGatewayProxyEventV2; caller: Caller; now: string };
export type PreparedCommand<Command> = {
  streamId: string;
  command: Command;
  location?: string;
  /** The stream id was made just now (a random UUID): the command is decided without reading the stream, which cannot exist. */
  newStream?: boolean;
  /** Items written in the same transaction as the events (e.g. a payment method kept apart). */
  extra?: ExtraWrite[];
};

/**
 * Builds the handler of one command route. Every command goes the same way: check who calls,
 * parse and validate, turn the request into a domain command, then decide and append with
 * - `authorize`: the caller checked against the loaded state first (another customer's order is
 *   answered as a missing one);
 * - `If-Match: <version>`: decided on exactly that version or answered 412, nothing appended;
 * - no If-Match: a lost race is re-decided on fresh state a few times, then 409;
 * - a command that would change nothing (cancelling a cancelled order) is a 409, not a 200;
 * - `Idempotency-Key`: the response is remembered in the same transaction as the events, and a
 *   repeat gets it back without appending anything (another request under the same key is a 422);
 *   with `idempotencyKey: 'required'` (a route that moves money) a request without one is a 428.
 */
export function commandRoute<Body, Command, Event extends NewEvent, State>(options: {
  store: EventStore;
  idempotency: IdempotencyStore;
  decider: Decider<Command, Event, State>;
  /** Who may call the route at all. */
  access: RouteAccess;
  /** `required`: a request without an Idempotency-Key is refused (428), so no retry can do it twice. */
  idempotencyKey?: 'required';
  /** What the route's events also write in their transaction (e.g. the stock levels a restock moves). */
  alsoWrite?: (events: Event[]) => ExtraWrite[];
  /** Told the events once they are appended (not on a replay): the place to count a business metric. */
  onAppended?: (events: readonly { type: string }[]) => void;
  /** Throws to refuse the caller on this state (see `orderOwnerOnly`). */
  authorize?: (caller: Caller, state: State) => void;
  /** The body schema; omitted for routes that take no body. */
  body?: ZodMiniType<Body>;
  status: 200 | 201 | 202;
  /**
   * Whether a state is the outcome a client may wait for (`Prefer: wait=<seconds>`, at most 10):
   * with it, a request that asks is answered 200 with that state once it is reached within the
   * wait, else the usual status; `Preference-Applied` says the wait was honoured.
   */
  outcome?: (state: State) => boolean;
  // NoInfer: the command type comes from the decider, so literals like 'AddItem' keep their type.
  prepare: (request: CommandRequest<Body>) => Promise<PreparedCommand<NoInfer<Command>>>;
}) {
  const { store, idempotency, decider, authorize } = options;

  const core = async (event: APIGatewayProxyEventV2, body: Body): Promise<ApiResult> => {
    const caller = requestCaller(event);
    const expectedVersion = ifMatchVersion(event);
    const idempotent = idempotentRequest(event, caller);
    if (!idempotent && options.idempotencyKey === 'required') {
      throw new HttpError(428, 'Idempotency key required', `${event.routeKey} needs an Idempotency-Key header (a new UUID per request), so that a retried request cannot move the money twice`);
    }
    const earlier = idempotent && (await idempotency.replay(idempotent));
    if (earlier) return earlier;

    const { streamId, command, location, newStream, extra = [] } = await options.prepare({ body, event, caller, now: new Date().toISOString() });
    const respond = (state: State, version: number) => json(options.status, { ...state, version }, { version, location });
    // The caller's count of this request went on while the command read: past the budget, nothing is appended.
    await ensureWithinBudget(event);
    try {
      const { state, version, events } = await decideAndAppend<Command, Event, State>({
        store,
        decider,
        streamId,
        command,
        newStream,
        context: requestContext(event, caller),
        expectedVersion,
        guard: authorize && ((state) => authorize(caller, state)),
        // The decider's no-ops keep the saga's retries safe; a person is told their request changed nothing.
        refuseNoChange: (state) => new HttpError(409, 'No change', `${commandName(command)} changes nothing: ${streamId} is already ${statusOf(state)}`),
        extra: (outcome) => [
          ...extra,
          ...(options.alsoWrite?.(outcome.events) ?? []),
          ...(idempotent ? [idempotency.record(idempotent, respond(outcome.state, outcome.version))] : []),
        ],
      });
      options.onAppended?.(events);
      const wait = options.outcome && preferredWait(event);
      if (wait === undefined || !options.outcome) return respond(state, version);
      return await awaitOutcome(streamId, wait, options.outcome, respond(state, version), location);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // A twin request under the same key may have won the race: answer what it was answered.
      const twin = idempotent && (await idempotency.replay(idempotent));
      if (twin) return twin;
      if (expectedVersion !== undefined) {
        throw new HttpError(412, 'Precondition Failed', `If-Match "${expectedVersion}" is not the current version of ${streamId}; read it again and retry`);
      }
      throw error;
    }
  };

  /** Reads the stream until its state is an outcome or the wait is over: 200 with the outcome, or the answer it had. */
  async function awaitOutcome(streamId: string, seconds: number, isOutcome: (state: State) => boolean, answer: ApiResult, location?: string): Promise<ApiResult> {
    const applied = { 'preference-applied': `wait=${seconds}` };
    const { value, done } = await waitFor(() => loadState(store, decider, streamId), ({ state }) => isOutcome(state), seconds);
    if (!done) return { ...answer, headers: { ...answer.headers, ...applied } };
    const ended = json(200, { ...value.state, version: value.version }, { version: value.version, location });
    return { ...ended, headers: { ...ended.headers, ...applied } };
  }

  return options.body
    ? commandHandler(options.access, options.body, (event) => core(event, event.parsedBody), { countedBeforeWriting: true })
    : routeHandler(options.access, (event) => core(event, undefined as Body), { countedBeforeWriting: true });
}

function commandName(command: unknown): string {
  return typeof command === 'object' && command !== null && 'type' in command ? String(command.type) : 'the command';
}

function statusOf(state: unknown): string {
  return typeof state === 'object' && state !== null && 'status' in state ? String(state.status) : 'as asked';
}
