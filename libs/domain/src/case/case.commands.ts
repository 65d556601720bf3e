import type { DomainCommand } from '../decider';
import type { AccessCommand } from './access.commands';
import type { AppealCommand } from './appeal.commands';
import type { BreachCommand } from './breach.commands';
import type { ErasureCommand } from './erasure.commands';
import type { ProcessCommand } from './process.commands';

export type OpenCase = DomainCommand<
  'OpenCase',
  { caseId: string; localAuthorityCode: string; childLabel: string }
>;

export type CaseCommand =
  OpenCase | ProcessCommand | AppealCommand | BreachCommand | AccessCommand | ErasureCommand;
