import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../kernel/audit.enums';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { AuditEventRepository } from '../database/repositories/audit-event.repository';
import { BotConfigRepository } from '../database/repositories/bot-config.repository';
import { NotificationChannelRepository } from '../database/repositories/notification-channel.repository';
import { Transactions } from '../database/repositories/transactions';
import { type FieldError, InvalidInputError } from '../kernel/errors/validation.error';
import { CredentialCipher } from '../credentials/credential-cipher';
import type { BotEventType } from '../kernel/bot-event';
import { channelSecretContext, channelSecretHint, generateChannelSecret } from './channel-secret';
import { EmailChannel } from './channels/email.channel';
import { ALL_EVENT_TYPES } from './dto/channel-fields';
import type { NotificationChannel } from '../database/entities/notification-channel.entity';
import { ChannelType } from '../kernel/notification.enums';
import { WebhookTargetPolicy } from './webhook-target';

export interface NewChannel {
  type: ChannelType;
  to?: string;
  url?: string;
  secret?: string;
  events?: BotEventType[];
  botIds?: string[] | null;
}

export interface ChannelChanges {
  to?: string;
  url?: string;
  secret?: string;
  events?: BotEventType[];
  botIds?: string[] | null;
  enabled?: boolean;
}

export interface CreatedChannel {
  channel: NotificationChannel;
  /** Only when generated here: the one time it leaves the server. */
  generatedSecret?: string;
}

/** A user's channels; another user's are 404, as if they did not exist. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly bots: BotConfigRepository,
    private readonly audit: AuditEventRepository,
    private readonly transactions: Transactions,
    private readonly cipher: CredentialCipher,
    private readonly email: EmailChannel,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  async create(owner: AuthenticatedUser, input: NewChannel): Promise<CreatedChannel> {
    if (input.type === ChannelType.Email && !this.email.configured) {
      throw new InvalidInputError([
        { field: 'type', reason: 'email is unavailable: this server has no SMTP_URL configured' },
      ]);
    }
    this.checkTarget(input.url);
    await this.checkBotsOwned(owner, input.botIds);
    // The id is chosen here because the secret's ciphertext is bound to it.
    const id = randomUUID();
    const webhook = input.type === ChannelType.Webhook;
    const secret = webhook ? (input.secret ?? generateChannelSecret()) : undefined;
    const events = input.events ?? ALL_EVENT_TYPES;
    await this.transactions.run(async (tx) => {
      await this.channels.insert(tx, {
        id,
        userId: owner.id,
        type: input.type,
        emailTo: webhook ? null : input.to!,
        url: webhook ? input.url! : null,
        ...this.sealed(id, secret),
        events,
        botIds: input.botIds ?? null,
      });
      // Never the URL (a webhook URL is often a secret itself) nor the address.
      await this.audit.record(tx, owner, {
        action: AuditAction.ChannelCreated,
        target: { type: AuditTargetType.Channel, id },
        details: { type: input.type, events, botIds: input.botIds ?? null },
      });
    });
    return {
      channel: await this.channels.getById(id),
      generatedSecret: webhook && !input.secret ? secret : undefined,
    };
  }

  list(owner: AuthenticatedUser): Promise<NotificationChannel[]> {
    return this.channels.listOwned(owner.id);
  }

  async get(owner: AuthenticatedUser, id: string): Promise<NotificationChannel> {
    const channel = await this.channels.findOwned(id, owner.id);
    if (!channel) throw new NotFoundException('notification channel not found');
    return channel;
  }

  async update(
    owner: AuthenticatedUser,
    id: string,
    changes: ChannelChanges,
  ): Promise<NotificationChannel> {
    const channel = await this.get(owner, id);
    const misplaced: FieldError[] = [];
    const webhook = channel.type === ChannelType.Webhook;
    if (changes.to !== undefined && webhook) {
      misplaced.push({ field: 'to', reason: 'is only for email channels' });
    }
    for (const field of ['url', 'secret'] as const) {
      if (changes[field] !== undefined && !webhook) {
        misplaced.push({ field, reason: 'is only for webhook channels' });
      }
    }
    if (misplaced.length > 0) throw new InvalidInputError(misplaced);
    this.checkTarget(changes.url);
    await this.checkBotsOwned(owner, changes.botIds);
    const changed = Object.keys(changes).filter(
      (field) => changes[field as keyof ChannelChanges] !== undefined,
    );
    await this.transactions.run(async (tx) => {
      await this.channels.update(tx, id, {
        ...(changes.to !== undefined && { emailTo: changes.to }),
        ...(changes.url !== undefined && { url: changes.url }),
        ...(changes.secret !== undefined && this.sealed(id, changes.secret)),
        ...(changes.events !== undefined && { events: changes.events }),
        ...(changes.botIds !== undefined && { botIds: changes.botIds }),
        ...(changes.enabled === true && {
          enabled: true,
          disabledReason: null,
          consecutiveFailures: 0,
        }),
        ...(changes.enabled === false && {
          enabled: false,
          disabledReason: 'switched off by you',
        }),
      });
      // The names of the fields changed: their values may be secrets (url, secret).
      await this.audit.record(tx, owner, {
        action: AuditAction.ChannelUpdated,
        target: { type: AuditTargetType.Channel, id },
        details: { fields: changed },
      });
    });
    return this.channels.getById(id);
  }

  async delete(owner: AuthenticatedUser, id: string): Promise<void> {
    const channel = await this.get(owner, id);
    await this.transactions.run(async (tx) => {
      await this.channels.deleteOwned(tx, id, owner.id);
      await this.audit.record(tx, owner, {
        action: AuditAction.ChannelDeleted,
        target: { type: AuditTargetType.Channel, id },
        details: { type: channel.type },
      });
    });
  }

  private sealed(
    id: string,
    secret: string | undefined,
  ): Pick<NotificationChannel, 'secretEncrypted' | 'secretHint'> {
    return secret === undefined
      ? { secretEncrypted: null, secretHint: null }
      : {
          secretEncrypted: this.cipher.encrypt(secret, channelSecretContext(id)),
          secretHint: channelSecretHint(secret),
        };
  }

  /**
   * Addresses written in the URL are judged now; names are judged on what they resolve to,
   * at each delivery, as DNS may answer differently then.
   */
  private checkTarget(url: string | undefined) {
    const reason = url === undefined ? undefined : this.targets.refusalOf(new URL(url));
    if (reason) throw new InvalidInputError([{ field: 'url', reason }]);
  }

  /** A bot filter naming someone else's bot (or a typo) would silently never match. */
  private async checkBotsOwned(owner: AuthenticatedUser, botIds?: string[] | null) {
    if (!botIds?.length) return;
    const ownedIds = new Set(await this.bots.ownedIds(owner.id, botIds));
    const unknown = botIds
      .map((botId, index) => ({ botId, index }))
      .filter(({ botId }) => !ownedIds.has(botId));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        unknown.map(({ index }) => ({
          field: `botIds.${index}`,
          reason: 'is not one of your bots',
        })),
      );
    }
  }
}
