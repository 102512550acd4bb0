import { QueueName } from '../queue/queue.constants';
import { jobQueueToken } from '../queue/queue.module';

/** The deliveries' own JobQueue (the engine's is provided as JobQueue itself). */
export const NOTIFICATION_QUEUE = jobQueueToken(QueueName.Notifications);
