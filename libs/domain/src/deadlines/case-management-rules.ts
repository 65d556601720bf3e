import { clockRule, workingDays, type RuleSpec } from './rule-spec';

// send-domain §1.5: the tribunal's own timetable, in tribunal working days (no weekends, bank
// holidays, 25 Dec–1 Jan or August). Registration and decision times are HMCTS targets; the response
// and bundle dates are normally set by the case directions, which override these defaults.
const TWD =
  'Tribunal working days leave out weekends, bank holidays, 25 December to 1 January and August.';

export const CASE_MANAGEMENT_RULES = {
  TRIBUNAL_REGISTRATION: clockRule({
    title: 'Tribunal registers the appeal',
    citation: 'HMCTS SEND Tribunal practice (a target, not a rule)',
    section: 'send-domain §1.5',
    clock: 'TRIBUNAL_WORKING_DAYS',
    period: workingDays(10),
    dutyHolder: 'TRIBUNAL',
    start: 'appealLodgedOn',
    explain: ({ start, due }) =>
      `The Tribunal aims to register your appeal and send the timetable within 10 working days of receiving it on ${start} (by ${due}); it can take longer at busy times. ${TWD}`,
  }),
  LA_RESPONSE: clockRule({
    title: 'Council responds to the appeal',
    citation: 'HESC Rules 2008 r.21; case directions',
    section: 'send-domain §1.5',
    clock: 'TRIBUNAL_WORKING_DAYS',
    period: workingDays(30),
    dutyHolder: 'LA',
    start: 'laReceivedAppealOn',
    explain: ({ start, due }) =>
      `The council must send its response to the appeal, saying whether it opposes it and why, within 30 working days of receiving the appeal papers on ${start} (by ${due}), unless the Tribunal's directions give another date. ${TWD}`,
  }),
  HEARING_BUNDLE: clockRule({
    title: 'Council sends the hearing bundle',
    citation: 'Tribunal case directions',
    section: 'send-domain §1.5',
    clock: 'TRIBUNAL_WORKING_DAYS_BEFORE',
    period: workingDays(10),
    dutyHolder: 'LA',
    start: 'hearingOn',
    explain: ({ start, due }) =>
      `The council must send the hearing bundle at least 10 working days before the hearing on ${start} (by ${due}), unless the Tribunal's directions say otherwise. ${TWD}`,
  }),
  TRIBUNAL_DECISION: clockRule({
    title: 'Tribunal sends its decision',
    citation: 'HMCTS SEND Tribunal practice (a target, not a rule)',
    section: 'send-domain §1.5',
    clock: 'TRIBUNAL_WORKING_DAYS',
    period: workingDays(10),
    dutyHolder: 'TRIBUNAL',
    start: 'hearingOn',
    explain: ({ start, due }) =>
      `The Tribunal generally sends its decision within 10 working days of the hearing on ${start} (by ${due}). ${TWD}`,
  }),
} satisfies Record<string, RuleSpec>;
