import type { DomainCommand } from '../decider';
import type { AppealOutcome, AppealType, DecisionExtent } from './case.types';

export type OpenCase = DomainCommand<
  'OpenCase',
  { caseId: string; localAuthorityCode: string; childLabel: string }
>;

export type LodgeAppeal = DomainCommand<
  'LodgeAppeal',
  {
    appealId: string;
    appealTypes: readonly AppealType[];
    lodgedOn: string;
    decisionLetterOn?: string | null;
    mediationCertificateOn?: string | null;
  }
>;

export type RecordAppealOutcome = DomainCommand<
  'RecordAppealOutcome',
  { appealId: string; outcome: AppealOutcome; extent?: DecisionExtent | null; decidedOn: string }
>;

export type CaseCommand = OpenCase | LodgeAppeal | RecordAppealOutcome;
