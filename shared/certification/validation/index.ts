export { applyT1, applyT2, applyTolerances, isT3Match, preTreat } from './normalise';
export { inputKeys, parseChoiceProposals, parseFieldProposals, selectKeys } from './proposals';
export type { ChoiceOption, ProposalSegment } from './proposals';
export { validateAnswer } from './validate-answer';
export type { ValidationResult } from './validate-answer';
export { extendedTimer, judgeAnswer } from './judge-answer';
export type { JudgementFacts } from './judge-answer';
