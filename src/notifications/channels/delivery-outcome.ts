/** How one attempt went, as recorded in the delivery log. */
export interface DeliveryOutcome {
  ok: boolean;
  /** A failure that another attempt cannot fix (a 4xx other than 408/429, SMTP 5xx). */
  final: boolean;
  responseCode: number | null;
  error: string | null;
}

export const succeeded = (responseCode: number | null): DeliveryOutcome => ({
  ok: true,
  final: false,
  responseCode,
  error: null,
});

export const failed = (
  error: string,
  responseCode: number | null = null,
  final = false,
): DeliveryOutcome => ({ ok: false, final, responseCode, error });
