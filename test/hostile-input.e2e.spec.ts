import { GraphQLSchemaHost } from '@nestjs/graphql';
import Database from 'better-sqlite3';
import {
  astFromValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  print,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { TestApp } from './support/test-app';

/**
 * Hostile input on every mutation of the executable schema. Each mutation has a step below with a VALID input for
 * the case as it stands; from it and the mutation's input type the suite derives the hostile variants (impossible
 * and far-away dates, wrong enums and types, unknown LA codes, 10 kB and 1 MB strings, control characters, SQL and
 * JSON injection, oversized and duplicated lists, missing fields, unknown fields…). Every variant must get a typed
 * error, never a 500, and append nothing to es_events; then the valid input must succeed, which shows the refusals
 * were about the hostile value. A mutation without a step fails the first test.
 */

const TODAY = '2025-12-01';
/** Codes a refused request may carry (anything else, INTERNAL_SERVER_ERROR above all, fails the suite). */
const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'INVALID_TRANSITION',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
]);

const SQL_INJECTION = "'; DROP TABLE es_events; --";
const JSON_INJECTION = '{"$ne":null,"__proto__":{"role":"ADMIN"}}';
const CONTROL_CHARACTERS = 'Sam\u0000\u0007\u001b[2J';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const TEN_KB = 'x'.repeat(10_000);
const ONE_MB = 'x'.repeat(1024 * 1024);
/** Fields whose content is the family's own words: injection strings there are text, stored as such (below). */
const FREE_TEXT = new Set([
  'childLabel',
  'name',
  'bodyName',
  'note',
  'notes',
  'reason',
  'legalBasis',
  'guidanceReference',
  'evidenceRefs',
  // An identity provider's organisation identifier: any printable text.
  'organisation',
]);

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

interface Variant {
  readonly label: string;
  /** The request's variables (the mutation's arguments); a missing key leaves the argument out. */
  readonly variables?: Json;
  /** A raw request body instead of `{ query, variables }`. */
  readonly body?: string;
  /** A document with the arguments written inline instead of as variables. */
  readonly query?: string;
  /** When given, the first error's code must be one of these (else any of ALLOWED_CODES). */
  readonly codes?: readonly string[];
}

interface Step {
  readonly mutation: string;
  /** A valid `input` for the case as it stands (ids filled from earlier steps)… */
  readonly input?: () => Json;
  /** …or, for a mutation without an `input` object, its valid arguments. */
  readonly args?: () => Json;
  /** What to read back from a successful call, to feed later steps. */
  readonly selection?: string;
  readonly remember?: (result: Json) => void;
  /** Repeating the valid input (without an idempotency key) is refused: the thing is already recorded. */
  readonly refusesRepeat?: boolean;
  /** Hand-written variants the derived ones cannot reach (inputs valid only in another shape). */
  readonly extra?: (args: Json) => Variant[];
}

const argsOf = (step: Step): Json => (step.args ? step.args() : { input: step.input!() });

const ids = {
  caseId: '',
  adviceId: '',
  planDecisionId: '',
  appealId: '',
  orderId: '',
  recommendationId: '',
  challengeId: '',
};

const withCase = (input: Json): (() => Json) => {
  return () => ({ caseId: ids.caseId, ...input });
};
const withAppeal = (input: Json): (() => Json) => {
  return () => ({ appealId: ids.appealId, ...input });
};
const lastId = (list: unknown): string => {
  const items = list as { id: string }[];
  return items[items.length - 1]!.id;
};

/** One case walked from the assessment request through an extended appeal to a re-assessment request. */
const STEPS: readonly Step[] = [
  {
    mutation: 'openCase',
    input: () => ({ localAuthorityCode: '886', childLabel: 'Robin' }),
    selection: '{ id }',
    remember: (r) => (ids.caseId = r['id'] as string),
  },
  {
    mutation: 'requestAssessment',
    input: withCase({ receivedOn: '2025-01-06', requestedBy: 'PARENT' }),
  },
  {
    mutation: 'recordAdviceRequest',
    input: withCase({
      from: 'HEALTH_BODY',
      bodyName: 'Community paediatrics',
      requestedOn: '2025-01-20',
    }),
    selection: '{ advice { id } }',
    remember: (r) => (ids.adviceId = lastId(r['advice'])),
  },
  {
    mutation: 'recordAdviceReceived',
    input: () => ({ caseId: ids.caseId, adviceId: ids.adviceId, receivedOn: '2025-02-10' }),
    refusesRepeat: true,
  },
  {
    mutation: 'recordDecision',
    input: withCase({
      kind: 'ASSESSMENT_AGREED',
      decisionLetterOn: '2025-02-14',
      appealRightsStated: true,
    }),
  },
  {
    // Not hostile-tested twice: the final plan the appeal, review and re-assessment need.
    mutation: 'recordDecision',
    input: withCase({ kind: 'FINAL_PLAN_ISSUED', decisionLetterOn: '2025-05-01' }),
    selection: '{ decisions { id kind } }',
    remember: (r) => (ids.planDecisionId = lastId(r['decisions'])),
  },
  {
    mutation: 'recordMediationAdviserContact',
    input: () => ({
      caseId: ids.caseId,
      decisionId: ids.planDecisionId,
      contactedOn: '2025-05-10',
      mediationWanted: true,
    }),
  },
  {
    mutation: 'recordMediation',
    input: withCase({ endedOn: '2025-06-01', agreementReached: false }),
  },
  {
    mutation: 'recordMediationCertificate',
    input: withCase({ issuedOn: '2025-06-03' }),
  },
  {
    mutation: 'recordException',
    input: withCase({
      exception: 'T7_SCHOOL_CLOSURE',
      recordedOn: '2025-06-04',
      note: 'School closed for two weeks',
    }),
  },
  {
    mutation: 'reportBreach',
    input: withCase({
      breachType: 'TIMESCALE_ADVICE',
      dutyHolder: { kind: 'HEALTH_BODY', name: 'Kent Community Health', localAuthorityCode: '886' },
      legalBasis: 'SEND Regs 2014 reg 8(1)',
      guidanceReference: 'SEND Code of Practice 9.52',
      occurredOn: '2025-03-04',
      evidenceRefs: ['letter 2025-03-04', 'email 2025-03-10'],
      notes: 'The advice came six weeks late.',
    }),
    extra: ({ input }) => [
      {
        label: 'an LA duty holder with an unknown LA code',
        variables: {
          input: { ...(input as Json), dutyHolder: { kind: 'LA', localAuthorityCode: '999' } },
        },
        codes: ['BAD_USER_INPUT'],
      },
      {
        label: 'an LA duty holder without a code',
        variables: { input: { ...(input as Json), dutyHolder: { kind: 'LA' } } },
        codes: ['BAD_USER_INPUT'],
      },
    ],
  },
  {
    mutation: 'lodgeAppeal',
    input: withCase({
      appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'],
      lodgedOn: '2025-06-10',
      decisionLetterOn: '2025-05-01',
      mediationCertificateOn: '2025-06-03',
    }),
    selection: '{ id }',
    remember: (r) => (ids.appealId = r['id'] as string),
    extra: ({ input }) => {
      const claim = {
        caseId: (input as Json)['caseId'],
        appealTypes: ['DISABILITY_DISCRIMINATION'],
        lodgedOn: '2025-06-10',
        respondent: { kind: 'SCHOOL', name: 'Oak School', urn: '123456' },
      };
      const respondent = (change: Json): Json => ({
        input: { ...claim, respondent: { ...claim.respondent, ...change } },
      });
      return [
        {
          label: 'a claim whose respondent has an unknown LA code',
          variables: respondent({ localAuthorityCode: '999' }),
          codes: ['BAD_USER_INPUT'],
        },
        {
          label: 'a claim whose respondent has a 1 kB name',
          variables: respondent({ name: 'x'.repeat(1000) }),
          codes: ['BAD_USER_INPUT'],
        },
        {
          label: 'a claim whose respondent has control characters',
          variables: respondent({ name: CONTROL_CHARACTERS }),
          codes: ['BAD_USER_INPUT'],
        },
        {
          label: 'a claim whose respondent has an impossible URN',
          variables: respondent({ urn: "1'; --" }),
          codes: ['BAD_USER_INPUT'],
        },
      ];
    },
  },
  {
    mutation: 'registerAppeal',
    input: withAppeal({
      tribunalReference: 'EH886/25/00123',
      registeredOn: '2025-06-20',
      responseDueOn: '2025-07-31',
      evidenceDueOn: '2025-08-15',
    }),
    refusesRepeat: true,
  },
  {
    mutation: 'recordLaResponse',
    input: withAppeal({ receivedOn: '2025-07-25', opposed: true }),
  },
  {
    mutation: 'recordEvidence',
    input: withAppeal({ submittedOn: '2025-08-10', party: 'FAMILY' }),
  },
  {
    mutation: 'scheduleHearing',
    input: withAppeal({ hearingOn: '2025-09-15' }),
  },
  {
    mutation: 'adjournHearing',
    input: withAppeal({
      adjournedOn: '2025-09-01',
      newHearingOn: '2025-09-29',
      reason: 'Panel member unwell',
    }),
  },
  {
    mutation: 'recordHearingBundle',
    input: withAppeal({ sentOn: '2025-09-10' }),
  },
  {
    mutation: 'recordHearingHeld',
    input: withAppeal({ heldOn: '2025-09-29' }),
  },
  {
    mutation: 'recordAppealOutcome',
    input: withAppeal({
      outcome: 'DECIDED_IN_FAVOUR',
      extent: 'IN_PART',
      decidedOn: '2025-10-06',
      orders: [{ type: 'AMEND_B_F' }],
    }),
    selection: '{ orders { id } }',
    remember: (r) => (ids.orderId = lastId(r['orders'])),
    refusesRepeat: true,
  },
  {
    mutation: 'recordOrderCompliance',
    input: () => ({ appealId: ids.appealId, orderId: ids.orderId, compliedOn: '2025-10-20' }),
    refusesRepeat: true,
  },
  {
    mutation: 'recordHscRecommendations',
    input: withAppeal({ madeOn: '2025-10-06', addressedTo: 'HEALTH_BODY' }),
    selection: '{ recommendations { id } }',
    remember: (r) => (ids.recommendationId = lastId(r['recommendations'])),
  },
  {
    mutation: 'recordHscAnswer',
    input: () => ({
      appealId: ids.appealId,
      recommendationId: ids.recommendationId,
      answeredOn: '2025-10-30',
      followed: true,
    }),
    refusesRepeat: true,
  },
  {
    mutation: 'lodgeDecisionChallenge',
    input: withAppeal({ kind: 'REVIEW', lodgedOn: '2025-10-15', by: 'LA' }),
    selection: '{ challenges { id } }',
    remember: (r) => (ids.challengeId = lastId(r['challenges'])),
  },
  {
    mutation: 'recordChallengeDecision',
    input: () => ({
      appealId: ids.appealId,
      challengeId: ids.challengeId,
      decidedOn: '2025-10-28',
      granted: false,
    }),
    refusesRepeat: true,
  },
  {
    mutation: 'recordReviewMeeting',
    input: withCase({ heldOn: '2025-11-01' }),
  },
  {
    mutation: 'recordPhaseTransfer',
    input: withCase({ kind: 'SCHOOL_PHASE', transferYear: 2026 }),
  },
  {
    mutation: 'requestReassessment',
    input: withCase({ receivedOn: '2025-11-10' }),
  },
  {
    mutation: 'grantAccess',
    input: withCase({ organisation: 'kent-send-advice', expiresOn: '2026-06-30' }),
  },
  {
    mutation: 'revokeAccess',
    input: withCase({ organisation: 'kent-send-advice' }),
  },
  {
    // Last: afterwards the case can no longer be changed.
    mutation: 'erasePersonalData',
    args: () => ({ caseId: ids.caseId }),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Deriving the hostile variants from the input type

const setAt = (value: Json, path: Path, next: unknown): Json => {
  const copy = structuredClone(value);
  let target: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (next === undefined) delete target[last];
  else target[last] = next;
  return copy;
};

const getAt = (value: Json, path: Path): unknown =>
  path.reduce<unknown>(
    (current, key) => (current as Record<string | number, unknown> | undefined)?.[key],
    value,
  );

/** Something a value is given for: a mutation argument or an input object field. */
interface Slot {
  readonly name: string;
  readonly type: GraphQLInputType;
  readonly defaultValue?: unknown;
}

/** Every argument, and every field of the input objects the valid arguments fill in (one level of lists too). */
const slotsOf = (
  slots: readonly Slot[],
  base: Json,
  path: Path = [],
): { path: Path; slot: Slot }[] =>
  slots.flatMap((slot) => {
    const here = [...path, slot.name];
    const named = getNamedType(slot.type);
    const value = getAt(base, here);
    if (!isInputObjectType(named) || value === undefined || value === null)
      return [{ path: here, slot }];
    const inner = Array.isArray(value) ? [...here, 0] : here;
    return [{ path: here, slot }, ...slotsOf(Object.values(named.getFields()), base, inner)];
  });

const hostileValues = (named: GraphQLNamedType, name: string): [string, unknown][] => {
  if (name === 'clientMutationId') {
    return [
      ['an empty key', ''],
      ['a key with spaces (SQL injection)', SQL_INJECTION],
      ['a 101-character key', 'k'.repeat(101)],
      ['control characters', CONTROL_CHARACTERS],
      ['a number', 123],
    ];
  }
  if (isEnumType(named)) {
    const first = named.getValues()[0]!.name;
    return [
      ['an unknown enum value', 'NOT_A_VALUE'],
      ['a lower-case enum value', first.toLowerCase()],
      ['a padded enum value', `${first} `],
      ['a number for an enum', 3],
      ['SQL injection', SQL_INJECTION],
    ];
  }
  switch (named.name) {
    case 'LocalDate':
      return [
        ['an impossible date (30 February)', '2025-02-30'],
        ['a far-future date', '9999-12-31'],
        ['a far-past date', '1800-01-01'],
        ['month 13', '2025-13-01'],
        ['a UK-format date', '01/06/2025'],
        ['a timestamp', '2025-06-01T00:00:00Z'],
        ['a number for a date', 20250601],
      ];
    case 'ID':
      return [
        ['a malformed id', 'not-an-id'],
        ['SQL injection', SQL_INJECTION],
        ['JSON injection', JSON_INJECTION],
        ['an unknown id', UNKNOWN_ID],
        ['a 10 kB id', TEN_KB],
        ['a number for an id', 12345],
      ];
    case 'Int':
      return [
        ['a fraction', 2.5],
        ['a string for a number', '2026'],
        ['a five-digit year', 99999],
        ['a negative number', -1],
        ['more than 32 bits', 2 ** 31],
      ];
    case 'Boolean':
      return [
        ['a string for a boolean', 'true'],
        ['a number for a boolean', 1],
      ];
    case 'String': {
      const values: [string, unknown][] = [
        ['an empty string', ''],
        ['only spaces', '   '],
        ['a 10 kB string', TEN_KB],
        ['control characters', CONTROL_CHARACTERS],
        ['a number for a string', 123],
        ['an object for a string', { $ne: null }],
      ];
      if (!FREE_TEXT.has(name)) {
        values.push(['SQL injection', SQL_INJECTION], ['JSON injection', JSON_INJECTION]);
      }
      if (name === 'localAuthorityCode') {
        values.push(['an unknown LA code', '999'], ['a 2-digit LA code', '88']);
      }
      return values;
    }
    default:
      return [['a value of the wrong kind', { unexpected: true }]];
  }
};

/** `mutation M($a: T!, …) { name(a: $a, …) { __typename } }` for the mutation's own arguments. */
const documentOf = (schema: GraphQLSchema, mutation: string, selection?: string): string => {
  const field = schema.getMutationType()!.getFields()[mutation]!;
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const chosen = selection ?? (isLeafType(getNamedType(field.type)) ? '' : '{ __typename }');
  return `mutation M(${declared}) { ${mutation}(${passed}) ${chosen} }`;
};

const variantsOf = (schema: GraphQLSchema, mutation: string, base: Json): Variant[] => {
  const field = schema.getMutationType()!.getFields()[mutation]!;
  const variants: Variant[] = [];
  const add = (label: string, variables: Json, codes?: readonly string[]) =>
    variants.push({ label, variables, ...(codes ? { codes } : {}) });
  const slots = slotsOf(field.args, base);

  for (const { path, slot } of slots) {
    const where = path.join('.');
    const named = getNamedType(slot.type);
    const isList = isListType(getNullableType(slot.type));
    if (isNonNullType(slot.type) && slot.defaultValue === undefined) {
      add(`${where}: missing`, setAt(base, path, undefined), ['BAD_USER_INPUT']);
      add(`${where}: null`, setAt(base, path, null), ['BAD_USER_INPUT']);
    }
    if (isInputObjectType(named)) {
      const value = getAt(base, path);
      add(`${where}: a string for an object`, setAt(base, path, 'x'), ['BAD_USER_INPUT']);
      if (isList) {
        const item = (value as unknown[] | undefined)?.[0] ?? {};
        add(`${where}: 10,000 items`, setAt(base, path, Array(10_000).fill(item)));
        add(`${where}: 11 items`, setAt(base, path, Array(11).fill(item)));
      } else if (value && typeof value === 'object') {
        const object = value as Json;
        add(`${where}: JSON text for an object`, setAt(base, path, JSON.stringify(object)), [
          'BAD_USER_INPUT',
        ]);
        add(`${where}: a list for an object`, setAt(base, path, [object]), ['BAD_USER_INPUT']);
        add(`${where}: an unknown field`, setAt(base, path, { ...object, ownerId: 'someone' }), [
          'BAD_USER_INPUT',
        ]);
      }
      continue;
    }
    for (const [label, value] of hostileValues(named, slot.name)) {
      add(`${where}: ${label}`, setAt(base, path, isList ? [value] : value));
    }
    if (isList) {
      const given = getAt(base, path) as unknown[] | undefined;
      const item = given?.[0] ?? (isEnumType(named) ? named.getValues()[0]!.name : 'ref');
      add(`${where}: 10,000 items`, setAt(base, path, Array(10_000).fill(item)));
      add(`${where}: 1,000 items`, setAt(base, path, Array(1_000).fill(item)));
      add(`${where}: the same item twice`, setAt(base, path, [item, item]));
      if (isNonNullType(slot.type)) add(`${where}: an empty list`, setAt(base, path, []));
    }
  }

  // The request as a whole.
  const json = JSON.stringify({ query: documentOf(schema, mutation), variables: base });
  const inputArgument = field.args.find((a) => a.name === 'input');
  if (inputArgument && isInputObjectType(getNamedType(inputArgument.type))) {
    variants.push({
      label: 'input: a __proto__ key (prototype pollution)',
      body: json.replace('"input":{', '"input":{"__proto__":{"ownerId":"someone-else"},'),
      codes: ['BAD_USER_INPUT'],
    });
  }
  const text =
    slots.find((f) => getNamedType(f.slot.type).name === 'String' && FREE_TEXT.has(f.slot.name)) ??
    slots.find((f) => ['String', 'ID'].includes(getNamedType(f.slot.type).name));
  if (text) {
    variants.push({
      label: `${text.path.join('.')}: a 1 MB string (body over 100 kB)`,
      variables: setAt(base, text.path, ONE_MB),
      codes: ['PAYLOAD_TOO_LARGE'],
    });
  }
  variants.push({ label: 'body: not JSON', body: json.slice(0, -10), codes: ['BAD_REQUEST'] });
  // Written inline instead of through variables: the document itself is refused.
  const inline = field.args
    .map((a) => `${a.name}: ${print(astFromValue(base[a.name], a.type)!)}`)
    .join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  variants.push({
    label: 'inline arguments with an unknown argument',
    query: `mutation { ${mutation}(${inline}, isAdmin: true) ${selection} }`,
    codes: ['GRAPHQL_VALIDATION_FAILED'],
  });
  const date = /"\d{4}-\d{2}-\d{2}"/;
  if (date.test(inline)) {
    variants.push({
      label: 'inline arguments with an impossible date',
      query: `mutation { ${mutation}(${inline.replace(date, '"2025-02-30"')}) ${selection} }`,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    });
  }
  return variants;
};

// ---------------------------------------------------------------------------------------------------------------

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
  readonly data?: Record<string, unknown> | null;
}

describe('hostile input on every mutation: a typed error, never a 500, nothing appended', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  let family: string;
  let otherFamily: string;
  let db: Database.Database;

  beforeAll(async () => {
    // Hundreds of requests from one user: the rate limit is raised for this suite (graphql-limits tests it).
    app = await TestApp.start({ today: TODAY, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    schema = app.nest.get(GraphQLSchemaHost).schema;
    family = await app.token('FAMILY', 'hostile-parent');
    otherFamily = await app.token('FAMILY', 'other-parent');
    db = new Database(app.config.sqliteFile, { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    db?.close();
    await app?.stop();
  });

  const eventCount = (): number =>
    (db.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n;

  const send = async (body: string, token = family): Promise<Answer> => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token}`,
      },
      body,
    });
    const text = await response.text();
    let parsed: Pick<Answer, 'errors' | 'data'> = {};
    try {
      parsed = JSON.parse(text) as Pick<Answer, 'errors' | 'data'>;
    } catch {
      // Asserted below: every answer is JSON.
    }
    return { status: response.status, text, ...parsed };
  };

  const call = (mutation: string, variables: Json = {}, selection?: string, token = family) =>
    send(JSON.stringify({ query: documentOf(schema, mutation, selection), variables }), token);

  /** What is wrong with an answer that should be a refusal: not JSON, 500, untyped, a stack trace, an append. */
  const problemWith = (
    answer: Answer,
    label: string,
    before: number,
    codes?: readonly string[],
  ): string | null => {
    const code = String(answer.errors?.[0]?.extensions?.['code']);
    const appended = eventCount() - before;
    const problems = [
      answer.status === 500 ? 'HTTP 500' : null,
      answer.errors === undefined ? 'no errors' : null,
      answer.errors && !ALLOWED_CODES.has(code) ? `code ${code}` : null,
      answer.errors && codes && !codes.includes(code)
        ? `code ${code}, expected ${codes.join('|')}`
        : null,
      answer.errors?.some((e) => e.extensions?.['stacktrace'] || /\n\s+at /.test(e.message))
        ? 'a stack trace'
        : null,
      appended !== 0 ? `${appended} event(s) appended` : null,
    ].filter((p) => p !== null);
    return problems.length === 0
      ? null
      : `${label}: ${problems.join(', ')} (HTTP ${answer.status}: ${answer.text.slice(0, 200)})`;
  };

  it('has a step for every mutation in the schema', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect([...new Set(STEPS.map((s) => s.mutation))].sort()).toEqual(mutations);
  });

  const tested = new Set<string>();
  for (const [index, step] of STEPS.entries()) {
    const firstTime = !tested.has(step.mutation);
    tested.add(step.mutation);
    it(`${step.mutation}${firstTime ? '' : ' (again, valid input only)'}`, async () => {
      const base = argsOf(step);
      const problems: string[] = [];
      if (firstTime) {
        const variants = [
          ...variantsOf(schema, step.mutation, base),
          ...(step.extra?.(base) ?? []),
        ];
        // Derived from the arguments' types: even a mutation taking one id gets ten or more.
        expect(variants.length).toBeGreaterThanOrEqual(10);
        for (const variant of variants) {
          const before = eventCount();
          const answer = variant.body
            ? await send(variant.body)
            : variant.query
              ? await send(JSON.stringify({ query: variant.query }))
              : await call(step.mutation, variant.variables);
          const problem = problemWith(answer, variant.label, before, variant.codes);
          if (problem) problems.push(problem);
        }
        if (step.mutation !== 'openCase') {
          const before = eventCount();
          const intruder = await call(step.mutation, base, undefined, otherFamily);
          const problem = problemWith(intruder, 'by another family', before, [
            'NOT_FOUND',
            'FORBIDDEN',
          ]);
          if (problem) problems.push(problem);
        }
      }

      // The valid input succeeds: the refusals above were about the hostile values.
      const key = `valid-${index}-${step.mutation}`;
      const valid = step.input ? { input: { ...step.input(), clientMutationId: key } } : base;
      const before = eventCount();
      const ok = await call(step.mutation, valid, step.selection);
      const appended = eventCount() - before;
      if (ok.errors || ok.status !== 200 || appended === 0) {
        problems.push(`the valid input: HTTP ${ok.status}, ${appended} appended, ${ok.text}`);
      } else {
        step.remember?.(ok.data![step.mutation] as Json);
        // A retry (with the same key, where there is one) returns the first result and appends nothing.
        const replay = await call(step.mutation, valid);
        if (replay.errors || eventCount() !== before + appended) {
          problems.push(`a retry: ${replay.text}`);
        }
      }
      if (step.refusesRepeat) {
        const again = eventCount();
        const problem = problemWith(await call(step.mutation, base), 'repeated', again);
        if (problem) problems.push(problem);
      }
      expect(problems).toEqual([]);
    });
  }

  it('refuses whole-request abuse on mutations: aliases, depth and cost, appending nothing', async () => {
    const opens = Array.from(
      { length: 16 },
      (_, i) => `o${i}: openCase(input: { localAuthorityCode: "886", childLabel: "x${i}" }) { id }`,
    ).join(' ');
    const refused = async (query: string, label: string) => {
      const before = eventCount();
      return problemWith(await send(JSON.stringify({ query })), label, before, [
        'GRAPHQL_VALIDATION_FAILED',
      ]);
    };
    const deep = `mutation { openCase(input: { localAuthorityCode: "886", childLabel: "x" }) {
      appeals { localAuthority { officialAppealRates { notes { a { b { c } } } } } } } }`;
    const costly = `mutation { openCase(input: { localAuthorityCode: "886", childLabel: "x" }) {
      appeals { deadlines { key title explanation citation dueOn dutyHolder { kind name urn localAuthorityCode } }
        timeline { type summary occurredOn recordedAt position } breaches { id notes dutyHolder { kind name } }
        orders { id type dueOn compliedOn } evidence { party submittedOn } adjournments { adjournedOn reason }
        challenges { id kind by lodgedOn granted decidedOn } recommendations { id madeOn answeredOn followed }
        nextActions { kind dueOn text deadlineKey } } } }`;
    expect([
      await refused(`mutation { ${opens} }`, '16 aliased openCase'),
      await refused(deep, 'over-deep'),
      await refused(costly, 'over-costly'),
    ]).toEqual([null, null, null]);
  });

  it('stores injection strings in free text as text, and the event log survives them', async () => {
    const before = eventCount();
    const label = `${SQL_INJECTION} ${JSON_INJECTION}`.slice(0, 100);
    const opened = await call(
      'openCase',
      { input: { localAuthorityCode: '886', childLabel: label } },
      '{ id childLabel }',
    );
    expect(opened.errors).toBeUndefined();
    expect((opened.data!['openCase'] as Json)['childLabel']).toBe(label);
    expect(eventCount()).toBe(before + 1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'es_events'")
      .all();
    expect(tables).toHaveLength(1);
  });

  it('still reads the case after all of it', async () => {
    const read = await send(
      JSON.stringify({
        query: `query C($id: ID!) { case(id: $id) {
          id deadlines { rule dueOn status } nextActions { kind dueOn } breaches { breachType }
          appeals { id status deadlines { rule dueOn status } timeline { type occurredOn } } timeline { type } } }`,
        variables: { id: ids.caseId },
      }),
    );
    expect(read.errors).toBeUndefined();
    expect((read.data!['case'] as Json)['id']).toBe(ids.caseId);
  });
});
