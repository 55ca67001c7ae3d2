/**
 * The business plan as a PDF for the start-up's coaches and staff: the same answer as the team's
 * address (the use case asks the policy, so each audience gets exactly what it may read).
 */
export { GET } from '../../../me/startups/[id]/plan.pdf.ts';
