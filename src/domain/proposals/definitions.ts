/**
 * A proposal's answers, keyed by the call's question keys. Values are stored already validated
 * and normalised against the question's type (src/domain/proposals/answers.ts): text as string,
 * number and money (cents) as integers, dates as `yyyy-mm-dd`, choices as option values, yes/no
 * as booleans, file questions as the id of the stored file.
 */
export type AnswerValue = string | number | boolean | string[] | null;
export type Answers = Record<string, AnswerValue>;

/** A member of an informal group or the team of an organisation. */
export type TeamMember = { name: string; role: string; adult: boolean };
