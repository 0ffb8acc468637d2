import { ApiError } from './api';

/**
 * The sentence to show for a failure. Errors from main already carry one; anything else is
 * unexpected, so the details go to the console and the user gets a generic sentence.
 */
export function describeError(error: unknown, fallback = 'Something went wrong.'): string {
  console.error(error);
  if (error instanceof ApiError) return error.message;
  return `${fallback} Details were written to the developer console.`;
}
