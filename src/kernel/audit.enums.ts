/** What a user did; stored as text, so a new action needs no migration. */
export enum AuditAction {
  BotCreated = 'bot.created',
  BotUpdated = 'bot.updated',
  BotDeleted = 'bot.deleted',
  BotStarted = 'bot.started',
  BotStopped = 'bot.stopped',
  BotSignalPassphraseRotated = 'bot.signal-passphrase-rotated',
  CredentialCreated = 'credential.created',
  CredentialDeleted = 'credential.deleted',
  ChannelCreated = 'channel.created',
  ChannelUpdated = 'channel.updated',
  ChannelDeleted = 'channel.deleted',
}

export enum AuditTargetType {
  Bot = 'bot',
  Credential = 'credential',
  Channel = 'channel',
}
