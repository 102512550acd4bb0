import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../kernel/audit.enums';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { BotMode } from '../kernel/bot.enums';
import { UserRole } from '../kernel/user-role';
import { CredentialCipher } from './credential-cipher';
import type { ApiCredential } from '../database/entities/api-credential.entity';
import {
  ApiCredentialRepository,
  type NewCredentialRow,
} from '../database/repositories/api-credential.repository';
import { AuditEventRepository } from '../database/repositories/audit-event.repository';
import { BotConfigRepository } from '../database/repositories/bot-config.repository';
import { Transactions } from '../database/repositories/transactions';

export interface NewCredential {
  label: string;
  apiKey: string;
  apiSecret: string;
  testnet?: boolean;
}

/** What the live exchange adapter needs to sign requests; never leaves the process. */
export interface DecryptedCredential {
  apiKey: string;
  apiSecret: string;
  testnet: boolean;
}

type SealedField = 'apiKey' | 'apiSecret';

/** Binds each ciphertext to its row and field, so values cannot be swapped around. */
function sealContext(credentialId: string, field: SealedField): string {
  return `api_credential:${credentialId}:${field}`;
}

function keyHint(apiKey: string): string {
  return `${apiKey.slice(0, 4)}...${apiKey.slice(-4)}`;
}

@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: ApiCredentialRepository,
    private readonly bots: BotConfigRepository,
    private readonly audit: AuditEventRepository,
    private readonly transactions: Transactions,
    private readonly cipher: CredentialCipher,
  ) {}

  async create(owner: AuthenticatedUser, input: NewCredential): Promise<ApiCredential> {
    // The id is chosen here because the ciphertexts are bound to it.
    const id = randomUUID();
    const credential: NewCredentialRow = {
      id,
      userId: owner.id,
      label: input.label,
      apiKeyEncrypted: this.cipher.encrypt(input.apiKey, sealContext(id, 'apiKey')),
      apiSecretEncrypted: this.cipher.encrypt(input.apiSecret, sealContext(id, 'apiSecret')),
      apiKeyHint: keyHint(input.apiKey),
      testnet: input.testnet ?? false,
    };
    await this.transactions.run(async (tx) => {
      await this.credentials.insert(tx, credential);
      await this.audit.record(tx, owner, {
        action: AuditAction.CredentialCreated,
        target: { type: AuditTargetType.Credential, id },
        details: { label: credential.label, apiKeyHint: credential.apiKeyHint },
      });
    });
    return this.credentials.getById(id);
  }

  /** The caller's own credentials; an admin may ask for everyone's. */
  list(caller: AuthenticatedUser, all = false): Promise<ApiCredential[]> {
    if (all && caller.role !== UserRole.Admin) {
      throw new ForbiddenException("only admins may list everyone's credentials");
    }
    return this.credentials.list(all ? undefined : caller.id);
  }

  /**
   * Refused (409) while any bot references the credential, live or paper: the foreign key
   * is RESTRICT, and a paper bot holding a credential may be switched to live later.
   */
  async delete(owner: AuthenticatedUser, id: string): Promise<void> {
    const credential = await this.credentials.findOwned(id, owner.id);
    if (!credential) throw new NotFoundException('credential not found');
    const bots = await this.bots.findUsingCredential(id);
    const live = bots.filter((bot) => bot.mode === BotMode.Live);
    if (live.length > 0) {
      throw new ConflictException(
        `credential is used by live bot(s) ${live.map((bot) => bot.id).join(', ')}: delete them first`,
      );
    }
    if (bots.length > 0) {
      throw new ConflictException(
        `credential is referenced by bot(s) ${bots.map((bot) => bot.id).join(', ')}: delete them first`,
      );
    }
    await this.transactions.run(async (tx) => {
      if ((await this.credentials.deleteOwned(tx, id, owner.id)) === 'referenced') {
        // A bot created between the check and the delete.
        throw new ConflictException('credential is referenced by a bot: delete it first');
      }
      await this.audit.record(tx, owner, {
        action: AuditAction.CredentialDeleted,
        target: { type: AuditTargetType.Credential, id },
        details: { label: credential.label, apiKeyHint: credential.apiKeyHint },
      });
    });
  }

  /** For the live exchange adapter only; deliberately not reachable over HTTP. */
  async decryptForUse(id: string): Promise<DecryptedCredential> {
    const credential = await this.credentials.findById(id);
    if (!credential) throw new NotFoundException('credential not found');
    return {
      apiKey: this.cipher.decrypt(credential.apiKeyEncrypted, sealContext(id, 'apiKey')),
      apiSecret: this.cipher.decrypt(credential.apiSecretEncrypted, sealContext(id, 'apiSecret')),
      testnet: credential.testnet,
    };
  }
}
