import { GraphQLSchemaHost } from '@nestjs/graphql';
import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { gqlWith } from './support/access-fixtures';
import { codeOf, TestApp, type GraphQLResponse } from './support/test-app';

/**
 * Authorisation on every node and edge (issue 6 item 3; anchors B6/B8), generated from the executable schema: every
 * Query, Mutation and Subscription field must have a rule below, or the first test fails. Each rule gives the
 * outcome for each kind of caller, and every (operation, caller) pair runs over HTTP against the real app with
 * minimal valid variables, prepared so that nothing but access decides the outcome.
 */

const WHO = [
  'familyOwner',
  'otherFamily',
  'advocateWithGrant',
  'advocateWithoutGrant',
  'advocateAfterRevocation',
  'policy',
  'admin',
  'anonymous',
] as const;
type Who = (typeof WHO)[number];

/** allowed: data returned · null: field is null · empty: an empty list · else the error code. */
type Outcome = 'allowed' | 'null' | 'empty' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';
type Expectation = Readonly<Record<Who, Outcome>>;

const ORG_GRANTED = 'org-granted';
const ORG_REVOKED = 'org-revoked';
const ORG_NONE = 'org-none';
const TODAY = '2025-06-10';

// ---- the rules ------------------------------------------------------------------------------------------------

/** Anyone signed in: no case data involved. */
const SIGNED_IN: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'allowed',
  advocateWithGrant: 'allowed',
  advocateWithoutGrant: 'allowed',
  advocateAfterRevocation: 'allowed',
  policy: 'allowed',
  admin: 'allowed',
  anonymous: 'UNAUTHENTICATED',
};
/** Reading one case (or its appeal): the owner and a grantee; for everyone else it does not exist. */
const CASE_READ: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'null',
  advocateWithGrant: 'allowed',
  advocateWithoutGrant: 'null',
  advocateAfterRevocation: 'null',
  policy: 'null',
  admin: 'null',
  anonymous: 'UNAUTHENTICATED',
};
/** Listing cases: the owner's own, the grantee's shared ones, nothing for anyone else. */
const CASE_LIST: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'empty',
  advocateWithGrant: 'allowed',
  advocateWithoutGrant: 'empty',
  advocateAfterRevocation: 'empty',
  policy: 'empty',
  admin: 'empty',
  anonymous: 'UNAUTHENTICATED',
};
/** Recording an event on a case: the owner and a grantee; other families and advocates NOT_FOUND; others FORBIDDEN. */
const CASE_WRITE: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'NOT_FOUND',
  advocateWithGrant: 'allowed',
  advocateWithoutGrant: 'NOT_FOUND',
  advocateAfterRevocation: 'NOT_FOUND',
  policy: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
};
/** Consent: only the owning family grants or revokes. */
const CASE_SHARE: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'NOT_FOUND',
  advocateWithGrant: 'FORBIDDEN',
  advocateWithoutGrant: 'FORBIDDEN',
  advocateAfterRevocation: 'FORBIDDEN',
  policy: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
};
/** Opening a case: any family (its own new case); nobody else. */
const OPEN_CASE: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'allowed',
  advocateWithGrant: 'FORBIDDEN',
  advocateWithoutGrant: 'FORBIDDEN',
  advocateAfterRevocation: 'FORBIDDEN',
  policy: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
};

/** Erasure (UK GDPR Art 17): the owning family, or an operator processing its request; it returns no case data. */
const ERASE: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'NOT_FOUND',
  advocateWithGrant: 'FORBIDDEN',
  advocateWithoutGrant: 'FORBIDDEN',
  advocateAfterRevocation: 'FORBIDDEN',
  policy: 'FORBIDDEN',
  admin: 'allowed',
  anonymous: 'UNAUTHENTICATED',
};
/**
 * Watching an appeal: like reading it, but a subscription cannot answer null, so it ends with NOT_FOUND; without a
 * token the WebSocket connection itself is refused.
 */
const APPEAL_WATCH: Expectation = {
  familyOwner: 'allowed',
  otherFamily: 'NOT_FOUND',
  advocateWithGrant: 'allowed',
  advocateWithoutGrant: 'NOT_FOUND',
  advocateAfterRevocation: 'NOT_FOUND',
  policy: 'NOT_FOUND',
  admin: 'NOT_FOUND',
  anonymous: 'UNAUTHENTICATED',
};

interface Rule {
  readonly expect: Expectation;
  /** Minimal valid variables; may prepare the fixture case (as its owner) first. */
  readonly variables: (f: Fixture) => Promise<Record<string, unknown>>;
}

const none = (): Promise<Record<string, unknown>> => Promise.resolve({});
const onCase =
  (input: Record<string, unknown>, prepare?: (f: Fixture) => Promise<unknown>) =>
  async (f: Fixture) => {
    const caseId = await f.caseId();
    await prepare?.(f);
    return { input: { caseId, ...input } };
  };
const onAppeal =
  (
    input: (ids: AppealIds) => Record<string, unknown>,
    prepare: (f: Fixture) => Promise<AppealIds>,
  ) =>
  async (f: Fixture) => {
    const ids = await prepare(f);
    return { input: { appealId: ids.appealId, ...input(ids) } };
  };

const MATRIX: Readonly<Record<string, Rule>> = {
  'Query.me': { expect: SIGNED_IN, variables: none },
  'Query.localAuthorities': { expect: SIGNED_IN, variables: none },
  'Query.officialAppealRates': {
    expect: SIGNED_IN,
    variables: () => Promise.resolve({ localAuthorityCode: '886' }),
  },
  // Aggregates only (disclosure control is the statistics' own concern); never a case id or a personal field.
  'Query.appealOutcomeStatistics': {
    expect: SIGNED_IN,
    variables: async (f) => {
      await f.decidedAppeal();
      return {};
    },
  },
  'Query.orderCompliance': {
    expect: SIGNED_IN,
    variables: async (f) => {
      await f.decidedAppeal();
      return {};
    },
  },
  'Query.breachPatterns': {
    expect: SIGNED_IN,
    variables: async (f) => {
      await f.breachReported();
      return {};
    },
  },
  'Query.case': { expect: CASE_READ, variables: async (f) => ({ id: await f.caseId() }) },
  'Query.appeal': {
    expect: CASE_READ,
    variables: async (f) => ({ id: (await f.lodgedAppeal()).appealId }),
  },
  'Query.cases': {
    expect: CASE_LIST,
    variables: async (f) => {
      await f.caseId();
      return { first: 100 };
    },
  },

  'Mutation.erasePersonalData': {
    expect: ERASE,
    variables: async (f) => ({ caseId: await f.caseId() }),
  },
  'Subscription.appealUpdated': {
    expect: APPEAL_WATCH,
    variables: async (f) => ({ id: (await f.registeredAppeal()).appealId }),
  },
  'Mutation.openCase': {
    expect: OPEN_CASE,
    variables: () =>
      Promise.resolve({ input: { localAuthorityCode: '886', childLabel: 'A new case' } }),
  },
  'Mutation.grantAccess': {
    expect: CASE_SHARE,
    variables: onCase({ organisation: 'org-new', expiresOn: '2025-12-31' }),
  },
  'Mutation.revokeAccess': {
    expect: CASE_SHARE,
    variables: onCase({ organisation: 'org-extra' }, (f) => f.grant('org-extra')),
  },
  'Mutation.requestAssessment': {
    expect: CASE_WRITE,
    variables: onCase({ receivedOn: '2025-06-02' }),
  },
  'Mutation.requestReassessment': {
    expect: CASE_WRITE,
    variables: onCase({ receivedOn: '2025-06-02' }, (f) => f.finalPlan()),
  },
  'Mutation.recordAdviceRequest': {
    expect: CASE_WRITE,
    variables: onCase({
      from: 'HEALTH_BODY',
      bodyName: 'Kent and Medway ICB',
      requestedOn: '2025-06-02',
    }),
  },
  'Mutation.recordAdviceReceived': {
    expect: CASE_WRITE,
    variables: async (f) => {
      const caseId = await f.caseId();
      const adviceId = await f.adviceRequested();
      return { input: { caseId, adviceId, receivedOn: '2025-06-05' } };
    },
  },
  'Mutation.recordDecision': {
    expect: CASE_WRITE,
    variables: onCase({ kind: 'FINAL_PLAN_ISSUED', decisionLetterOn: '2025-06-01' }),
  },
  'Mutation.recordReviewMeeting': {
    expect: CASE_WRITE,
    variables: onCase({ heldOn: '2025-06-01' }, (f) => f.finalPlan()),
  },
  'Mutation.recordPhaseTransfer': {
    expect: CASE_WRITE,
    variables: onCase({ kind: 'SCHOOL_PHASE', transferYear: 2026 }, (f) => f.finalPlan()),
  },
  'Mutation.recordException': {
    expect: CASE_WRITE,
    variables: onCase({ exception: 'T7_SCHOOL_CLOSURE', recordedOn: '2025-06-01' }),
  },
  'Mutation.recordMediationAdviserContact': {
    expect: CASE_WRITE,
    variables: onCase({ contactedOn: '2025-06-02', mediationWanted: true }),
  },
  'Mutation.recordMediation': {
    expect: CASE_WRITE,
    variables: onCase({ endedOn: '2025-06-05', agreementReached: false }, (f) =>
      f.adviserContacted(true),
    ),
  },
  'Mutation.recordMediationCertificate': {
    expect: CASE_WRITE,
    variables: onCase({ issuedOn: '2025-06-02' }, (f) => f.adviserContacted(false)),
  },
  'Mutation.reportBreach': {
    expect: CASE_WRITE,
    variables: onCase({
      breachType: 'TIMESCALE_ASSESS_DECISION',
      dutyHolder: { kind: 'LA', localAuthorityCode: '886' },
      legalBasis: 'SEND Regs 2014 reg 4(1)',
      occurredOn: '2025-06-01',
    }),
  },
  'Mutation.lodgeAppeal': {
    expect: CASE_WRITE,
    variables: onCase({
      appealTypes: ['REFUSAL_TO_ASSESS'],
      lodgedOn: '2025-05-02',
      decisionLetterOn: '2025-03-03',
    }),
  },
  'Mutation.registerAppeal': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ tribunalReference: 'EH886/25/00001', registeredOn: '2025-05-12' }),
      (f) => f.lodgedAppeal(),
    ),
  },
  'Mutation.recordLaResponse': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ receivedOn: '2025-06-02', opposed: true }),
      (f) => f.registeredAppeal(),
    ),
  },
  'Mutation.recordEvidence': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ submittedOn: '2025-06-02', party: 'FAMILY' }),
      (f) => f.registeredAppeal(),
    ),
  },
  'Mutation.recordHearingBundle': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ sentOn: '2025-06-02' }),
      (f) => f.registeredAppeal(),
    ),
  },
  'Mutation.scheduleHearing': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ hearingOn: '2025-07-15' }),
      (f) => f.registeredAppeal(),
    ),
  },
  'Mutation.adjournHearing': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ adjournedOn: '2025-06-05', newHearingOn: '2025-07-20' }),
      (f) => f.scheduledAppeal(),
    ),
  },
  'Mutation.recordHearingHeld': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ heldOn: '2025-06-05' }),
      (f) => f.scheduledAppeal(),
    ),
  },
  'Mutation.recordAppealOutcome': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ outcome: 'WITHDRAWN', decidedOn: '2025-06-02' }),
      (f) => f.lodgedAppeal(),
    ),
  },
  'Mutation.recordOrderCompliance': {
    expect: CASE_WRITE,
    variables: onAppeal(
      (ids) => ({ orderId: ids.orderId, compliedOn: '2025-06-09' }),
      (f) => f.decidedAppeal(),
    ),
  },
  'Mutation.lodgeDecisionChallenge': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ kind: 'REVIEW', lodgedOn: '2025-06-09', by: 'FAMILY' }),
      (f) => f.decidedAppeal(),
    ),
  },
  'Mutation.recordChallengeDecision': {
    expect: CASE_WRITE,
    variables: onAppeal(
      (ids) => ({ challengeId: ids.challengeId, decidedOn: '2025-06-10', granted: false }),
      (f) => f.challengedAppeal(),
    ),
  },
  'Mutation.recordHscRecommendations': {
    expect: CASE_WRITE,
    variables: onAppeal(
      () => ({ madeOn: '2025-06-06', addressedTo: 'HEALTH_BODY' }),
      (f) => f.decidedAppeal(...HSC_APPEAL),
    ),
  },
  'Mutation.recordHscAnswer': {
    expect: CASE_WRITE,
    variables: onAppeal(
      (ids) => ({
        recommendationId: ids.recommendationId,
        answeredOn: '2025-06-09',
        followed: true,
      }),
      (f) => f.recommendedAppeal(),
    ),
  },
};

// ---- the fixture: one case per test, shared with ORG_GRANTED, once shared with ORG_REVOKED -----------------------

interface AppealIds {
  readonly appealId: string;
  readonly orderId?: string;
  readonly challengeId?: string;
  readonly recommendationId?: string;
}

const CHILD_LABEL = 'Matrix-Child-5Kq';
/** An extended appeal (plan contents + health and social care recommendations), decided with an amendment order. */
const HSC_APPEAL = [['CONTENTS_B', 'EXTENDED_HSC_RECOMMENDATION'], 'AMEND_B_F'] as const;

class Fixture {
  private id: string | null = null;

  constructor(
    private readonly app: TestApp,
    private readonly owner: string,
  ) {}

  get created(): string | null {
    return this.id;
  }

  /** The owner's call; any error fails the test (the preparation must be valid). */
  async as<T>(name: string, inputType: string, input: Record<string, unknown>, selection: string) {
    const r = await this.app.gql<Record<string, T>>(
      `mutation M($input: ${inputType}!) { ${name}(input: $input) ${selection} }`,
      { input },
      this.owner,
    );
    if (r.errors) throw new Error(`Preparing ${name} failed: ${JSON.stringify(r.errors)}`);
    return r.data![name]!;
  }

  async caseId(): Promise<string> {
    if (this.id) return this.id;
    const opened = await this.as<{ id: string }>(
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: '886', childLabel: CHILD_LABEL },
      '{ id }',
    );
    this.id = opened.id;
    await this.grant(ORG_GRANTED);
    await this.grant(ORG_REVOKED);
    await this.as(
      'revokeAccess',
      'RevokeAccessInput',
      { caseId: this.id, organisation: ORG_REVOKED },
      '{ id }',
    );
    return this.id;
  }

  async grant(organisation: string): Promise<void> {
    await this.as(
      'grantAccess',
      'GrantAccessInput',
      { caseId: await this.caseId(), organisation },
      '{ id }',
    );
  }

  async breachReported(): Promise<void> {
    await this.as(
      'reportBreach',
      'ReportBreachInput',
      {
        caseId: await this.caseId(),
        breachType: 'TIMESCALE_ASSESS_DECISION',
        dutyHolder: { kind: 'LA', localAuthorityCode: '886' },
        legalBasis: 'SEND Regs 2014 reg 4(1)',
        occurredOn: '2025-06-01',
        notes: CHILD_LABEL,
      },
      '{ id }',
    );
  }

  async finalPlan(): Promise<void> {
    await this.as(
      'recordDecision',
      'RecordDecisionInput',
      { caseId: await this.caseId(), kind: 'FINAL_PLAN_ISSUED', decisionLetterOn: '2025-01-15' },
      '{ id }',
    );
  }

  async adviceRequested(): Promise<string> {
    const c = await this.as<{ advice: { id: string }[] }>(
      'recordAdviceRequest',
      'RecordAdviceRequestInput',
      {
        caseId: await this.caseId(),
        from: 'HEALTH_BODY',
        bodyName: 'Kent and Medway ICB',
        requestedOn: '2025-06-02',
      },
      '{ advice { id } }',
    );
    return c.advice[0]!.id;
  }

  async adviserContacted(mediationWanted: boolean): Promise<void> {
    await this.as(
      'recordMediationAdviserContact',
      'RecordMediationAdviserContactInput',
      { caseId: await this.caseId(), contactedOn: '2025-05-20', mediationWanted },
      '{ id }',
    );
  }

  async lodgedAppeal(appealTypes: readonly string[] = ['REFUSAL_TO_ASSESS']): Promise<AppealIds> {
    const a = await this.as<{ id: string }>(
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId: await this.caseId(),
        appealTypes,
        lodgedOn: '2025-05-02',
        decisionLetterOn: '2025-03-03',
      },
      '{ id }',
    );
    return { appealId: a.id };
  }

  async registeredAppeal(appealTypes?: readonly string[]): Promise<AppealIds> {
    const ids = await this.lodgedAppeal(appealTypes);
    await this.as(
      'registerAppeal',
      'RegisterAppealInput',
      { appealId: ids.appealId, tribunalReference: 'EH886/25/00001', registeredOn: '2025-05-12' },
      '{ id }',
    );
    return ids;
  }

  async scheduledAppeal(appealTypes?: readonly string[]): Promise<AppealIds> {
    const ids = await this.registeredAppeal(appealTypes);
    await this.as(
      'scheduleHearing',
      'ScheduleHearingInput',
      { appealId: ids.appealId, hearingOn: '2025-06-05' },
      '{ id }',
    );
    return ids;
  }

  async decidedAppeal(appealTypes?: readonly string[], orderType = 'ASSESS'): Promise<AppealIds> {
    const ids = await this.scheduledAppeal(appealTypes);
    await this.as(
      'recordHearingHeld',
      'RecordHearingHeldInput',
      { appealId: ids.appealId, heldOn: '2025-06-05' },
      '{ id }',
    );
    const decided = await this.as<{ orders: { id: string }[] }>(
      'recordAppealOutcome',
      'RecordAppealOutcomeInput',
      {
        appealId: ids.appealId,
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_FULL',
        decidedOn: '2025-06-06',
        orders: [{ type: orderType }],
      },
      '{ orders { id } }',
    );
    return { ...ids, orderId: decided.orders[0]!.id };
  }

  async challengedAppeal(): Promise<AppealIds> {
    const ids = await this.decidedAppeal();
    const a = await this.as<{ challenges: { id: string }[] }>(
      'lodgeDecisionChallenge',
      'LodgeDecisionChallengeInput',
      { appealId: ids.appealId, kind: 'REVIEW', lodgedOn: '2025-06-09', by: 'FAMILY' },
      '{ challenges { id } }',
    );
    return { ...ids, challengeId: a.challenges[0]!.id };
  }

  async recommendedAppeal(): Promise<AppealIds> {
    const ids = await this.decidedAppeal(...HSC_APPEAL);
    const a = await this.as<{ recommendations: { id: string }[] }>(
      'recordHscRecommendations',
      'RecordHscRecommendationsInput',
      { appealId: ids.appealId, madeOn: '2025-06-06', addressedTo: 'HEALTH_BODY' },
      '{ recommendations { id } }',
    );
    return { ...ids, recommendationId: a.recommendations[0]!.id };
  }
}

// ---- documents generated from the schema ----------------------------------------------------------------------

const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;

const operationsOf = (schema: GraphQLSchema): string[] =>
  ROOTS.flatMap((root) => {
    const type =
      root === 'Query'
        ? schema.getQueryType()
        : root === 'Mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    return Object.keys(type?.getFields() ?? {}).map((name) => `${root}.${name}`);
  });

const fieldOf = (schema: GraphQLSchema, operation: string): GraphQLField<unknown, unknown> => {
  const [root, name] = operation.split('.') as [string, string];
  const type = schema.getType(root);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) throw new Error(`${operation} is in the matrix but not in the schema.`);
  return field;
};

/** Every leaf field without required arguments; connections are followed through edges.node. */
const selectionOf = (type: GraphQLOutputType): string => {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const usable = Object.values(named.getFields()).filter((f) =>
    f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
  );
  const leaves = usable.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const edges = usable.find((f) => f.name === 'edges');
  const nested = edges ? `edges ${selectionOf(edges.type)}` : '';
  const node = usable.find((f) => f.name === 'node');
  const nodeSelection = node ? `node ${selectionOf(node.type)}` : '';
  return `{ __typename ${leaves.join(' ')} ${nested} ${nodeSelection} }`;
};

const documentOf = (
  operation: string,
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
): string => {
  const root = operation.split('.')[0]!.toLowerCase();
  const args = field.args.filter((a) => a.name in variables);
  const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${root} Op${definitions ? `(${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(field.type)} }`;
};

// ---- subscriptions over graphql-ws ----------------------------------------------------------------------------

interface Delivery {
  /** What arrived first: a result, an error (code), or the connection being refused (code 4401/4403). */
  readonly outcome: Outcome | 'nothing';
  readonly raw: string;
}

/** Subscribes, keeps changing the appeal (as its owner) until something arrives, and reports the first thing. */
const firstDelivery = async (
  app: TestApp,
  document: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  change: () => Promise<unknown>,
): Promise<Delivery> => {
  const client = createClient({
    url: app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  try {
    const first = new Promise<Delivery>((resolve) => {
      client.subscribe(
        { query: document, variables },
        {
          next: (result) =>
            resolve({
              outcome: result.errors
                ? ((result.errors[0]?.extensions?.['code'] as Outcome | undefined) ?? 'nothing')
                : 'allowed',
              raw: JSON.stringify(result),
            }),
          error: (error: unknown) => {
            const close = (error as { code?: number }).code;
            if (close === 4401 || close === 4403)
              return resolve({ outcome: 'UNAUTHENTICATED', raw: String(close) });
            const errors = Array.isArray(error)
              ? (error as { extensions?: { code?: string } }[])
              : [];
            resolve({
              outcome: (errors[0]?.extensions?.code as Outcome | undefined) ?? 'nothing',
              raw: JSON.stringify(error),
            });
          },
          complete: () => resolve({ outcome: 'nothing', raw: 'completed' }),
        },
      );
    });
    let settled: Delivery | null = null;
    void first.then((d) => (settled = d));
    for (let i = 0; i < 20 && settled === null; i++) {
      await new Promise((r) => setTimeout(r, 150));
      if (settled === null) await change();
    }
    return (
      settled ??
      (await Promise.race([
        first,
        new Promise<Delivery>((r) => setTimeout(() => r({ outcome: 'nothing', raw: '' }), 1000)),
      ]))
    );
  } finally {
    await client.dispose();
  }
};

// ---- the tests ------------------------------------------------------------------------------------------------

/** Types that carry a case's data: an allowed answer must be the fixture case's. */
const CASE_DATA = new Set(['Case', 'Appeal', 'Breach', 'CaseConnection']);

describe('authorisation matrix: every operation of the schema × every kind of caller', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  const tokens = {} as Record<Who, string | undefined>;
  const USER_IDS: Record<Who, string> = {
    familyOwner: 'matrix-owner',
    otherFamily: 'matrix-other-family',
    advocateWithGrant: 'matrix-adv-1',
    advocateWithoutGrant: 'matrix-adv-2',
    advocateAfterRevocation: 'matrix-adv-3',
    policy: 'matrix-analyst',
    admin: 'matrix-operator',
    anonymous: '',
  };

  beforeAll(async () => {
    // Hundreds of requests from one owner: the per-user rate limit is not what this suite is about.
    app = await TestApp.start({ today: TODAY, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    schema = app.nest.get(GraphQLSchemaHost).schema;
    tokens.familyOwner = await app.token('FAMILY', USER_IDS.familyOwner);
    tokens.otherFamily = await app.token('FAMILY', USER_IDS.otherFamily);
    tokens.advocateWithGrant = await app.token('ADVOCATE', USER_IDS.advocateWithGrant, ORG_GRANTED);
    tokens.advocateWithoutGrant = await app.token(
      'ADVOCATE',
      USER_IDS.advocateWithoutGrant,
      ORG_NONE,
    );
    tokens.advocateAfterRevocation = await app.token(
      'ADVOCATE',
      USER_IDS.advocateAfterRevocation,
      ORG_REVOKED,
    );
    tokens.policy = await app.token('POLICY', USER_IDS.policy);
    tokens.admin = await app.token('ADMIN', USER_IDS.admin);
    tokens.anonymous = undefined;
  });
  afterAll(() => app.stop());

  const eventCount = (): number => {
    const db = new Database(app.config.sqliteFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  /** Reads the audit trail holds for this reader: all of them, and those of one operation. */
  const auditCount = (readerId: string, operation: string): { all: number; op: number } => {
    const db = new Database(app.config.sqliteFile, { readonly: true });
    try {
      const count = (sql: string, ...params: string[]) =>
        (db.prepare(sql).get(...params) as { n: number }).n;
      return {
        all: count('SELECT count(*) AS n FROM audit_case_reads WHERE reader_id = ?', readerId),
        op: count(
          'SELECT count(*) AS n FROM audit_case_reads WHERE reader_id = ? AND operation = ?',
          readerId,
          operation,
        ),
      };
    } finally {
      db.close();
    }
  };

  it('has a rule for every Query, Mutation and Subscription field, and none for a field that is gone', () => {
    const operations = operationsOf(schema);
    const missing = operations.filter((op) => !(op in MATRIX));
    const stale = Object.keys(MATRIX).filter((op) => !operations.includes(op));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  describe.each(Object.keys(MATRIX))('%s', (operation) => {
    const rule = MATRIX[operation]!;

    it.each(WHO)('as %s', async (who) => {
      const expected = rule.expect[who];
      const field = fieldOf(schema, operation);
      const fixture = new Fixture(app, tokens.familyOwner!);
      const variables = await rule.variables(fixture);
      const document = documentOf(operation, field, variables);
      const caseId = fixture.created;
      const before = eventCount();
      const auditedBefore = auditCount(USER_IDS[who], operation);
      let raw: string;

      if (operation.startsWith('Subscription.')) {
        const delivery = await firstDelivery(app, document, variables, tokens[who], () =>
          fixture.as(
            'recordEvidence',
            'RecordEvidenceInput',
            { appealId: variables['id'], submittedOn: '2025-06-02', party: 'FAMILY' },
            '{ id }',
          ),
        );
        expect(delivery.outcome).toBe(expected);
        raw = delivery.raw;
        if (expected === 'allowed' && caseId) expect(raw).toContain(caseId);
      } else {
        const response = await gqlWith<Record<string, unknown>>(
          app,
          document,
          variables,
          tokens[who],
        );
        raw = response.raw;
        expect(response.status).not.toBe(500);
        const value = response.data?.[field.name];
        switch (expected) {
          case 'allowed':
            expect(response.errors).toBeUndefined();
            expect(value ?? null).not.toBeNull();
            // Case data returned is the fixture case's (openCase makes a new one).
            if (
              caseId &&
              CASE_DATA.has(getNamedType(field.type).name) &&
              operation !== 'Mutation.openCase'
            )
              expect(raw).toContain(caseId);
            break;
          case 'null':
            expect(response.errors).toBeUndefined();
            expect(value).toBeNull();
            break;
          case 'empty':
            expect(response.errors).toBeUndefined();
            expect(Array.isArray(value) ? value : (value as { edges: unknown[] }).edges).toEqual(
              [],
            );
            break;
          default:
            expect(codeOf(response as GraphQLResponse<unknown>)).toBe(expected);
            expect(value ?? null).toBeNull();
            // A refused mutation appends nothing.
            expect(eventCount()).toBe(before);
        }
      }
      const audited = auditCount(USER_IDS[who], operation);
      if (who === 'policy' || who === 'admin') {
        // Policy and operators never receive a case, an appeal or a personal field, whatever the operation.
        expect(raw).not.toContain(CHILD_LABEL);
        if (caseId) expect(raw).not.toContain(caseId);
      }
      if (expected !== 'allowed') {
        // Nothing personal, and not even the case's id, reaches a caller without access; nothing read, nothing audited.
        expect(raw).not.toContain(CHILD_LABEL);
        if (caseId) expect(raw).not.toContain(caseId);
        expect(audited.all).toBe(auditedBefore.all);
      } else if (CASE_DATA.has(getNamedType(field.type).name)) {
        // Case data given out is in the read audit, named after the operation.
        expect(audited.op).toBeGreaterThan(auditedBefore.op);
      }
    });
  });
});
