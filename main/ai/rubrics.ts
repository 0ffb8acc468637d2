import type { InterviewType } from '../../shared/domain/enums';
import type { ScoreDimension } from '../../shared/domain/types';

// What a good answer looks like for each kind of interview. The text goes to the model as
// it is; the weights are shown to the user beside the scores, so they are ours, not the model's.

export interface Criterion {
  /** A key of the reply's `criteria` object: the model must rate every one for every answer. */
  id: string;
  label: string;
  check: string;
}

export interface Rubric {
  guidance: string;
  criteria: readonly Criterion[];
  /** What each session dimension means for this kind of interview. */
  dimensions: Record<ScoreDimension, string>;
  /** Sum to 1. */
  weights: Record<ScoreDimension, number>;
}

const STAR: Rubric = {
  guidance:
    'Behavioral answers are judged by the STAR structure. Check explicitly, for every answer, whether the candidate ' +
    'described the Situation, the Task (their own responsibility), the Action they personally took, and the Result ' +
    '(ideally measurable, with what they learned). A story without a result or with only "we" and no personal ' +
    'action is incomplete. Prefer one specific past example over general statements about what they would do.',
  criteria: [
    { id: 'situation', label: 'Situation', check: 'A specific past situation with enough context.' },
    { id: 'task', label: 'Task', check: "The candidate's own responsibility or goal in it." },
    { id: 'action', label: 'Action', check: 'What the candidate personally did, step by step.' },
    { id: 'result', label: 'Result', check: 'The outcome, measurable if possible, and what was learned.' },
  ],
  dimensions: {
    communication: 'Clear, structured, concise storytelling.',
    technical: 'Competence shown in the examples for the role.',
    problemSolving: 'How they analysed the situation and chose their actions.',
    confidence: 'Owning decisions and outcomes, composure.',
    culturalFit: 'Collaboration, values, self-awareness and growth.',
  },
  weights: { communication: 0.25, technical: 0.1, problemSolving: 0.25, confidence: 0.15, culturalFit: 0.25 },
};

const TECHNICAL: Rubric = {
  guidance:
    'Technical answers are judged on correctness first, then depth (understanding why, not only what), then ' +
    'trade-offs (alternatives, costs, limits, edge cases). Wrong statements weigh more than omissions. Reward ' +
    'answers that reason aloud and check their own work.',
  criteria: [
    { id: 'correctness', label: 'Correctness', check: 'Statements and the proposed solution are technically right.' },
    { id: 'depth', label: 'Depth', check: 'Explains why it works, internals, complexity, not only the surface.' },
    { id: 'tradeoffs', label: 'Trade-offs', check: 'Names alternatives, costs, limits and edge cases.' },
  ],
  dimensions: {
    communication: 'Explaining technical ideas clearly and in order.',
    technical: 'Correctness and depth of knowledge.',
    problemSolving: 'Breaking the problem down, reasoning, handling edge cases.',
    confidence: 'Composure, committing to an answer, admitting limits honestly.',
    culturalFit: 'Collaboration and engineering attitude shown.',
  },
  weights: { communication: 0.15, technical: 0.45, problemSolving: 0.25, confidence: 0.1, culturalFit: 0.05 },
};

const SYSTEM_DESIGN: Rubric = {
  guidance:
    'System design answers are judged on clarifying requirements and scale, a correct high-level architecture, ' +
    'depth in the critical components (data model, storage, consistency, failure handling), and explicit ' +
    'trade-offs between alternatives. Naming technologies without reasons earns little.',
  criteria: [
    { id: 'requirements', label: 'Requirements', check: 'Clarifies functional needs, scale and constraints.' },
    { id: 'correctness', label: 'Correctness', check: 'The architecture works for the stated needs.' },
    { id: 'depth', label: 'Depth', check: 'Goes into data model, bottlenecks, consistency and failures.' },
    { id: 'tradeoffs', label: 'Trade-offs', check: 'Compares alternatives and justifies choices.' },
  ],
  dimensions: {
    communication: 'Structuring the design discussion and explaining it.',
    technical: 'Correct use of architecture and infrastructure concepts.',
    problemSolving: 'Scoping, prioritising, handling scale and failure.',
    confidence: 'Driving the discussion, committing to decisions.',
    culturalFit: 'Collaboration, openness to feedback.',
  },
  weights: { communication: 0.15, technical: 0.35, problemSolving: 0.35, confidence: 0.1, culturalFit: 0.05 },
};

const HR: Rubric = {
  guidance:
    'HR answers are judged on motivation (why this role and company, career goals that fit), fit (values, way ' +
    'of working, expectations that match the role) and professionalism (honest, specific, positive about past ' +
    'employers).',
  criteria: [
    { id: 'motivation', label: 'Motivation', check: 'Specific reasons for this role and company; coherent goals.' },
    { id: 'fit', label: 'Fit', check: 'Values, working style and expectations match the role.' },
    { id: 'professionalism', label: 'Professionalism', check: 'Honest, specific, respectful, well prepared.' },
  ],
  dimensions: {
    communication: 'Clear, friendly, to the point.',
    technical: 'Relevant experience and skills mentioned for the role.',
    problemSolving: 'Judgement in the situations discussed.',
    confidence: 'Self-assurance without arrogance.',
    culturalFit: 'Motivation and values fit.',
  },
  weights: { communication: 0.25, technical: 0.05, problemSolving: 0.1, confidence: 0.2, culturalFit: 0.4 },
};

/** Consular officers decide in minutes; short, consistent, credible answers matter most. */
function visaRubric(purpose: string, specific: Criterion[]): Rubric {
  return {
    guidance:
      `This is a practice visa interview with a consular officer. ${purpose} Answers should be short, direct, ` +
      'truthful-sounding and consistent with each other; vague, memorised or contradictory answers are red flags.',
    criteria: [
      { id: 'clarity', label: 'Clarity', check: 'Short, direct answer to the question asked.' },
      { id: 'consistency', label: 'Consistency', check: 'Agrees with the other answers; no contradictions.' },
      ...specific,
    ],
    dimensions: {
      communication: 'Clarity and brevity of the answers.',
      technical: 'Knowledge of their own plans, program or job and documents.',
      problemSolving: 'Consistency and credibility across answers.',
      confidence: 'Composure and directness under questioning.',
      culturalFit: 'How well the answers meet what this visa requires (see the checks).',
    },
    weights: { communication: 0.3, technical: 0.15, problemSolving: 0.2, confidence: 0.1, culturalFit: 0.25 },
  };
}

const PURPOSE = (what: string): Criterion => ({ id: 'purpose', label: 'Purpose of travel', check: what });
const FUNDING = (what: string): Criterion => ({ id: 'funding', label: 'Funding', check: what });
const TIES: Criterion = {
  id: 'ties',
  label: 'Ties to home country',
  check: 'Family, job, property or plans that make returning home credible.',
};

const VISA_F1 = visaRubric(
  'For an F-1 student visa the officer checks the purpose of study, how it is funded, and ties to the home ' +
    'country that show the student will return after the studies.',
  [
    PURPOSE('Why this program and school, and how it fits a plan for after graduation.'),
    FUNDING('Who pays tuition and living costs, and that the amounts are known and sufficient.'),
    TIES,
  ],
);

const VISA_B2 = visaRubric(
  'For a B-2 visitor visa the officer checks the purpose and length of the visit, how it is paid for, and ties ' +
    'to the home country that show the visitor will return.',
  [
    PURPOSE('A clear reason for the visit, a plan and a fixed length of stay.'),
    FUNDING('Who pays for the trip, and that it is affordable.'),
    TIES,
  ],
);

const VISA_H1B = visaRubric(
  'For an H-1B work visa the officer checks the employer and the role: that the candidate knows the company, ' +
    'the job duties, salary and work location, and is qualified for a specialty occupation. Ties to the home ' +
    'country are not required for this visa.',
  [
    { id: 'employer', label: 'Employer', check: 'Knows what the employer does, its size and location.' },
    { id: 'role', label: 'Role', check: 'Describes duties, salary and work site consistent with the petition.' },
    { id: 'qualification', label: 'Qualification', check: 'Degree and experience fit the specialty occupation.' },
  ],
);

const CUSTOM: Rubric = {
  guidance:
    'Judge each answer on whether it addresses the question, is clear, and supports its points with specific ' +
    'examples or facts.',
  criteria: [
    { id: 'relevance', label: 'Relevance', check: 'Answers the question that was asked.' },
    { id: 'clarity', label: 'Clarity', check: 'Easy to follow, well structured.' },
    { id: 'evidence', label: 'Evidence', check: 'Specific examples or facts back the points.' },
  ],
  dimensions: {
    communication: 'Clarity and structure.',
    technical: 'Knowledge relevant to the role.',
    problemSolving: 'Reasoning and judgement.',
    confidence: 'Composure and conviction.',
    culturalFit: 'Attitude and values.',
  },
  weights: { communication: 0.2, technical: 0.2, problemSolving: 0.2, confidence: 0.2, culturalFit: 0.2 },
};

const RUBRICS: Record<InterviewType, Rubric> = {
  behavioral: STAR,
  technical: TECHNICAL,
  system_design: SYSTEM_DESIGN,
  hr: HR,
  visa_f1: VISA_F1,
  visa_b2: VISA_B2,
  visa_h1b: VISA_H1B,
  custom: CUSTOM,
};

export function rubricFor(interviewType: InterviewType): Rubric {
  return RUBRICS[interviewType];
}
