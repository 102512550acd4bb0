import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { changedFields } from '../audit/audit-changes';
import { AuditAction, AuditTargetType } from '../kernel/audit.enums';
import type { AuthenticatedUser } from '../kernel/authenticated-user';
import { normaliseDecimal } from '../database/decimal.transformer';
import { InvalidInputError } from '../kernel/errors/validation.error';
import type { SymbolInfo } from '../exchange/exchange-client.interface';
import { SymbolNotListedError } from '../exchange/market-data/market-data.errors';
import { CANDLE_WINDOW, MarketDataService } from '../exchange/market-data/market-data.service';
import { StrategyRegistryService } from '../strategies/strategy-registry.service';
import { UserRole } from '../kernel/user-role';
import { BotMode, BotStatus } from '../kernel/bot.enums';
import { toBotResponse, toStateResponse, toTradeDto } from './bot-response.mapper';
import type {
  BotResponseDto,
  BotsPageDto,
  BotStateResponseDto,
  TradesPageDto,
} from './dto/bot-response.dto';
import type { CreateBotDto } from './dto/create-bot.dto';
import type { ListBotsQueryDto } from './dto/list-query.dto';
import { paperParamsFrom, riskParamsFrom, stopLossGuardFrom } from './dto/trading-config.params';
import type { UpdateBotDto } from './dto/update-bot.dto';
import type { BotConfig } from '../database/entities/bot-config.entity';
import type { BotState } from '../database/entities/bot-state.entity';
import { ApiCredentialRepository } from '../database/repositories/api-credential.repository';
import { AuditEventRepository } from '../database/repositories/audit-event.repository';
import { BotConfigRepository } from '../database/repositories/bot-config.repository';
import { BotStateRepository } from '../database/repositories/bot-state.repository';
import { TradeRepository } from '../database/repositories/trade.repository';
import { Transactions, type Tx } from '../database/repositories/transactions';
import { BotSignalKeyRepository } from '../database/repositories/bot-signal-key.repository';
import { hashSignalPassphrase, newSignalPassphrase } from '../common/signal-passphrase';
import { StrategyFailure } from '../strategies/strategy-failure';
import type { StrategyParamValue } from '../strategies/strategy.interface';

/** Fields that define what a bot trades: fixed while it runs. */
const FIXED_WHILE_RUNNING = ['symbol', 'interval', 'mode'] as const;
/**
 * Fixed while the bot holds a position or has an order in flight: its sale would sell the
 * account's real coins after a switch to live, or another asset after a symbol change.
 */
const FIXED_WHILE_HOLDING = ['symbol', 'mode'] as const;
const EDITABLE_STATUSES = new Set([BotStatus.Stopped, BotStatus.Error]);

interface PlannedUpdate {
  changes: Partial<BotConfig>;
  mode: BotMode;
  credentialId: string | null;
  /** The symbol the exchange must list: set when the edit names the symbol or the mode. */
  symbolToCheck?: string;
}

@Injectable()
export class BotsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly configs: BotConfigRepository,
    private readonly states: BotStateRepository,
    private readonly tradeLog: TradeRepository,
    private readonly credentials: ApiCredentialRepository,
    private readonly auditTrail: AuditEventRepository,
    private readonly strategies: StrategyRegistryService,
    private readonly marketData: MarketDataService,
    private readonly signalKeys: BotSignalKeyRepository,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateBotDto): Promise<BotResponseDto> {
    const strategyParams = this.validStrategyParams(dto.strategy, dto.strategyParams ?? {});
    await this.checkCredential(user, dto.mode, dto.credentialId);
    await this.checkSymbol(dto.mode, dto.symbol);
    const fill = paperParamsFrom(dto.paper);
    const paper = {
      paperInitialBalanceQuote: fill.initialBalanceQuote,
      paperFeeRate: fill.feeRate,
      paperSlippageBps: fill.slippageBps,
    };
    return this.transactions.run(async (tx) => {
      const bot = await this.configs.insert(tx, {
        userId: user.id,
        name: dto.name,
        symbol: dto.symbol,
        interval: dto.interval,
        mode: dto.mode,
        credentialId: dto.credentialId ?? null,
        strategy: dto.strategy,
        strategyParams,
        ...riskParamsFrom(dto.risk),
        ...paper,
      });
      const state = await this.states.insert(tx, {
        id: bot.id,
        status: BotStatus.Stopped,
        ...startingBalances(dto.mode, paper.paperInitialBalanceQuote),
      });
      const { name, symbol, interval, mode, strategy } = bot;
      await this.auditTrail.record(tx, user, {
        action: AuditAction.BotCreated,
        target: { type: AuditTargetType.Bot, id: bot.id },
        details: { name, symbol, interval, mode, strategy },
      });
      // Shown this once: only its digest is kept.
      if (this.strategies.get(strategy)?.external) {
        const signalPassphrase = newSignalPassphrase();
        await this.signalKeys.issue(tx, bot.id, hashSignalPassphrase(signalPassphrase));
        return { ...toBotResponse(bot, state), signalPassphrase };
      }
      return toBotResponse(bot, state);
    });
  }

  async list(user: AuthenticatedUser, query: ListBotsQueryDto): Promise<BotsPageDto> {
    if (query.all && user.role !== UserRole.Admin) {
      throw new ForbiddenException("only admins may list everyone's bots");
    }
    const { limit, offset } = query;
    const [bots, total] = await this.configs.findPageWithState({
      ownerId: query.all ? undefined : user.id,
      limit,
      offset,
    });
    // The page's pnl in one grouped query, not one a bot.
    const pnl = await this.tradeLog.sumPnlByBot(bots.map((bot) => bot.id));
    const items = bots.map((bot) => ({
      ...toBotResponse(bot, bot.state!),
      state: toStateResponse(bot, bot.state!, normaliseDecimal(pnl.get(bot.id) ?? '0')),
    }));
    return { items, total, limit, offset };
  }

  async get(user: AuthenticatedUser, id: string): Promise<BotResponseDto> {
    const bot = await this.findVisible(user, id);
    return toBotResponse(bot, bot.state!);
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateBotDto): Promise<BotResponseDto> {
    // Checked before the lock: the credential query and the exchange run while nothing is held.
    const current = await this.findVisible(user, id);
    const checked = this.plannedUpdate(user, current, dto);
    await this.checkCredential(user, checked.mode, checked.credentialId, current.userId);
    if (checked.symbolToCheck) await this.checkSymbol(checked.mode, checked.symbolToCheck);
    return this.transactions.run(async (tx) => {
      const bot = await this.lockVisible(tx, user, id);
      // Planned again on the locked rows: a start, a stop or another edit may have come between.
      const planned = this.plannedUpdate(user, bot, dto);
      if (planned.mode !== checked.mode || planned.credentialId !== checked.credentialId) {
        await this.checkCredential(user, planned.mode, planned.credentialId, bot.userId, tx);
      }
      if (
        planned.symbolToCheck &&
        (planned.symbolToCheck !== checked.symbolToCheck || planned.mode !== checked.mode)
      ) {
        // The exchange is never asked under the lock.
        throw new ConflictException('the bot changed while this edit was checked; try again');
      }
      const state = bot.state!;
      const modeChanged = planned.mode !== bot.mode;
      const changes = changedFields(bot, planned.changes);
      Object.assign(bot, planned.changes);
      // The state row is the engine's: save the config alone, and only the balances of a bot
      // that changes mode, which start over as a new bot of that mode would.
      delete bot.state;
      if (modeChanged) {
        const balances = startingBalances(bot.mode, bot.paperInitialBalanceQuote);
        await this.states.updateBalances(tx, bot.id, balances);
        Object.assign(state, balances);
      }
      if (Object.keys(changes).length > 0) {
        await this.auditTrail.record(tx, user, {
          action: AuditAction.BotUpdated,
          target: { type: AuditTargetType.Bot, id: bot.id },
          details: { changes },
        });
      }
      return toBotResponse(await this.configs.save(tx, bot), state);
    });
  }

  async remove(user: AuthenticatedUser, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const bot = await this.lockVisible(tx, user, id);
      if (!EDITABLE_STATUSES.has(bot.state!.status)) {
        throw new ConflictException(`bot is ${bot.state!.status}: stop it before deleting it`);
      }
      await this.configs.delete(tx, id);
      await this.auditTrail.record(tx, user, {
        action: AuditAction.BotDeleted,
        target: { type: AuditTargetType.Bot, id },
        details: { name: bot.name, symbol: bot.symbol, ownerId: bot.userId },
      });
    });
  }

  async state(user: AuthenticatedUser, id: string): Promise<BotStateResponseDto> {
    const bot = await this.findVisible(user, id);
    const sum = await this.tradeLog.sumPnl(id);
    return toStateResponse(bot, bot.state!, normaliseDecimal(sum));
  }

  async trades(
    user: AuthenticatedUser,
    id: string,
    limit: number,
    offset: number,
  ): Promise<TradesPageDto> {
    await this.findVisible(user, id);
    const [items, total] = await this.tradeLog.findPage(id, limit, offset);
    return { items: items.map(toTradeDto), total, limit, offset };
  }

  /** Another user's bot is a 404, exactly like a missing one; admins see every bot. */
  private async findVisible(user: AuthenticatedUser, id: string, tx?: Tx): Promise<BotConfig> {
    const bot = await this.configs.findWithState(id, visibleOwner(user), tx);
    if (!bot?.state) throw new NotFoundException('bot not found');
    return bot;
  }

  /** The visible bot, read under its state row's lock. */
  private async lockVisible(tx: Tx, user: AuthenticatedUser, id: string): Promise<BotConfig> {
    // Ownership first: a stranger holding the lock, even briefly, makes the owner's ticks skip.
    if (!(await this.configs.exists(id, visibleOwner(user), tx))) {
      throw new NotFoundException('bot not found');
    }
    // Start, stop and the engine change the state under this lock, and edits take it too:
    // taken before the read, so that what is read is current, not what an edit replaces.
    await this.states.lock(tx, id);
    return this.findVisible(user, id, tx);
  }

  /** What an edit writes and what it must be checked against; 409, 403 or 400 when refused. */
  private plannedUpdate(user: AuthenticatedUser, bot: BotConfig, dto: UpdateBotDto): PlannedUpdate {
    const status = bot.state!.status;
    if (!EDITABLE_STATUSES.has(status)) {
      const changed = FIXED_WHILE_RUNNING.filter(
        (field) => dto[field] !== undefined && dto[field] !== bot[field],
      );
      if (changed.length > 0) {
        throw new ConflictException({
          message: `stop the bot before changing ${changed.join(', ')}`,
          errors: changed.map((field) => ({
            field,
            reason: `cannot change while the bot is ${status}`,
          })),
        });
      }
    }
    const held = heldBy(bot.state!);
    if (held) {
      const changed = FIXED_WHILE_HOLDING.filter(
        (field) => dto[field] !== undefined && dto[field] !== bot[field],
      );
      if (changed.length > 0) {
        throw new ConflictException({
          message: `${held.first} before changing ${changed.join(', ')}`,
          errors: changed.map((field) => ({ field, reason: `cannot change while ${held.what}` })),
        });
      }
    }
    const strategy = dto.strategy ?? bot.strategy;
    // A new strategy starts from its own defaults; the same one keeps what was set.
    const baseParams = strategy === bot.strategy ? bot.strategyParams : {};
    const strategyParams =
      dto.strategy !== undefined || dto.strategyParams !== undefined
        ? this.validStrategyParams(strategy, { ...baseParams, ...(dto.strategyParams ?? {}) })
        : bot.strategyParams;
    const mode = dto.mode ?? bot.mode;
    const credentialId =
      (dto.credentialId !== undefined ? dto.credentialId : bot.credentialId) ?? null;
    if (!mayTradeLive(user, bot, mode, credentialId)) {
      throw new ForbiddenException(
        "only the bot's owner may switch it to live or change the key a live bot trades on",
      );
    }
    const symbol = dto.symbol ?? bot.symbol;
    return {
      mode,
      credentialId,
      symbolToCheck: dto.symbol !== undefined || dto.mode !== undefined ? symbol : undefined,
      changes: {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        symbol,
        ...(dto.interval !== undefined ? { interval: dto.interval } : {}),
        mode,
        credentialId,
        strategy,
        strategyParams,
        ...riskChanges(dto),
        ...(dto.paper?.initialBalanceQuote !== undefined
          ? { paperInitialBalanceQuote: dto.paper.initialBalanceQuote }
          : {}),
        ...(dto.paper?.feeRate !== undefined ? { paperFeeRate: dto.paper.feeRate } : {}),
        ...(dto.paper?.slippageBps !== undefined
          ? { paperSlippageBps: dto.paper.slippageBps }
          : {}),
      },
    };
  }

  /** Params a bot can trade with: valid, and a warm-up that fits the window a tick sees. */
  private validStrategyParams(
    key: string,
    raw: Record<string, unknown>,
  ): Record<string, StrategyParamValue> {
    const { strategy, params } = this.strategies.resolve(key, raw);
    let warmup: number;
    try {
      warmup = strategy.warmup(params);
    } catch (error) {
      if (!(error instanceof StrategyFailure)) throw error;
      throw new InvalidInputError([{ field: 'strategyParams', reason: error.message }]);
    }
    if (warmup > CANDLE_WINDOW) {
      throw new InvalidInputError([
        {
          field: 'strategyParams',
          reason: `need ${warmup} closed candles before a first signal; a tick sees the last ${CANDLE_WINDOW}`,
        },
      ]);
    }
    return { ...params };
  }

  /** Live needs a credential; any credential named must be the bot owner's own. */
  private async checkCredential(
    user: AuthenticatedUser,
    mode: BotMode,
    credentialId: string | null | undefined,
    ownerId = user.id,
    tx?: Tx,
  ): Promise<void> {
    if (!credentialId) {
      if (mode === BotMode.Live) {
        throw new InvalidInputError([
          { field: 'credentialId', reason: 'is required for a live bot' },
        ]);
      }
      return;
    }
    const owned = await this.credentials.isOwnedBy(credentialId, ownerId, tx);
    if (!owned)
      throw new InvalidInputError([
        { field: 'credentialId', reason: 'is not one of your credentials' },
      ]);
  }

  /**
   * A bot's symbol must be one the exchange lists and trades. A paper bot's is checked when
   * the exchange can be reached; while it cannot, the bot may run on simulated data, and an
   * unlisted symbol stops it at its first tick on real data.
   */
  private async checkSymbol(mode: BotMode, symbol: string): Promise<void> {
    let info: SymbolInfo;
    try {
      info = await this.marketData.symbolInfo(symbol, mode === BotMode.Paper);
    } catch (error) {
      if (error instanceof SymbolNotListedError) {
        throw new InvalidInputError([
          { field: 'symbol', reason: `${symbol} is not listed on the exchange` },
        ]);
      }
      throw new ServiceUnavailableException(
        'the exchange could not be reached to check the symbol; try again',
      );
    }
    if (!info.trading) {
      throw new InvalidInputError([
        { field: 'symbol', reason: `${symbol} is not trading on the exchange now` },
      ]);
    }
  }
}

/** Whose bots the user sees: their own, or (an admin) everyone's. */
function visibleOwner(user: AuthenticatedUser): string | undefined {
  return user.role === UserRole.Admin ? undefined : user.id;
}

/** A paper bot's virtual balances start at its initial quote; a live bot's are its account's. */
function startingBalances(
  mode: BotMode,
  initialQuote: string,
): Pick<BotState, 'quoteBalance' | 'baseBalance'> {
  return mode === BotMode.Paper
    ? { quoteBalance: initialQuote, baseBalance: '0' }
    : { quoteBalance: null, baseBalance: null };
}

/**
 * Live trading spends the owner's money on the owner's key: only the owner decides it. An
 * admin may still edit a bot that stays paper, or a live bot's other settings.
 */
function mayTradeLive(
  user: AuthenticatedUser,
  bot: BotConfig,
  mode: BotMode,
  credentialId: string | null,
): boolean {
  if (user.id === bot.userId || mode !== BotMode.Live) return true;
  return bot.mode === BotMode.Live && credentialId === bot.credentialId;
}

/** What the bot holds that its symbol and mode are bound to, and how to be rid of it. */
function heldBy(state: BotState): { what: string; first: string } | null {
  if (state.inPosition) {
    return {
      what: 'the bot holds a position',
      first: 'sell the position (start the bot, then stop it with closePosition)',
    };
  }
  if (state.pendingOrderId) {
    return {
      what: 'an order of the bot is in flight',
      first: "wait for the bot's order to settle",
    };
  }
  return null;
}

function riskChanges(dto: UpdateBotDto): Partial<BotConfig> {
  const risk = dto.risk;
  if (!risk) return {};
  const changes: Partial<BotConfig> = {};
  for (const key of [
    'positionSizeQuote',
    'stopLossPct',
    'takeProfitPct',
    'trailingStopPct',
    'maxDailyTrades',
    'dailyLossLimitQuote',
    'dailyProfitTargetQuote',
    'cooldownCandles',
    'maxDrawdownPct',
    'resumeAfterCandles',
  ] as const) {
    if (risk[key] !== undefined) (changes as Record<string, unknown>)[key] = risk[key];
  }
  if (risk.stopLossGuard !== undefined) {
    changes.stopLossGuard = stopLossGuardFrom(risk.stopLossGuard);
  }
  return changes;
}
