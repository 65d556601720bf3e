/** A domain event as the deciders see it: a past-tense type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** A command: an imperative type, its data, and who asks when (`today` comes from the caller's clock). */
export interface DomainCommand<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface CommandMetadata {
  /** The user acting (subject of the token). */
  readonly actor: string;
  /** Today's date where the actor is, `YYYY-MM-DD`: the domain never reads a clock. */
  readonly today: string;
}

/** A pure decider: `decide` returns new events or throws a DomainError; `evolve` never throws. */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const fold = <State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());
