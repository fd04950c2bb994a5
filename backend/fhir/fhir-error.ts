/** A FHIR API failure with its HTTP status and OperationOutcome issue code. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

export const notFound = (what: string) => new FhirError(404, 'not-found', `${what} not found`);
export const invalid = (message: string) => new FhirError(400, 'invalid', message);
