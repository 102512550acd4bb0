export enum ChannelType {
  Email = 'email',
  Webhook = 'webhook',
}

export enum DeliveryStatus {
  /** Queued, or waiting for its next attempt. */
  Pending = 'pending',
  Succeeded = 'succeeded',
  /** Given up: a final answer, attempts exhausted, or the channel was disabled meanwhile. */
  Failed = 'failed',
}

export enum AttemptStatus {
  Succeeded = 'succeeded',
  Failed = 'failed',
}
