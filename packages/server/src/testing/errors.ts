/** What createCaller throws: a tRPC error whose cause is our AppError (or a zod error). */
type CallerError = { code?: string; cause?: { code?: string; userMessage?: string } };

/** The application code of an error from createCaller: the AppError code, or the tRPC code. */
export const appCode = (error: unknown): string | undefined =>
  (error as CallerError).cause?.code ?? (error as CallerError).code;

/** The pt-BR message the user would see for an error from createCaller. */
export const userMessage = (error: unknown): string | undefined => (error as CallerError).cause?.userMessage;
