/** The deliveries' own JobQueue (the engine's is provided as JobQueue itself). */
export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');
