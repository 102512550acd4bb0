// Import boundaries of src/ (issue 22): a file imports its own layer and the layers below it,
// never one above. kernel ← domain ← infrastructure ← features ← app (docs/architecture.md).

// Each layer: the files in it, and regexes that recognise a relative import of it. Regexes, not
// globs: a gitignore negation cannot re-include one file under an excluded folder, and the
// exceptions below need exactly that.
const BACKTEST_CORE_FILES = [
  'src/backtest/{run-backtest,backtest-report,candle-series}{,.spec}.ts',
  'src/backtest/{arithmetic,testing}/**/*.ts',
];
// What follows "backtest/" in an import of the backtest core.
const BACKTEST_CORE = String.raw`(?:(?:run-backtest|backtest-report|candle-series)$|arithmetic/|testing/)`;

const LAYERS = [
  {
    key: 'kernel',
    name: 'kernel',
    files: ['src/kernel/**/*.ts'],
    imports: [String.raw`(?:^|/)kernel/`],
  },
  {
    key: 'domain',
    name: 'domain (risk, trading, strategies, backtest core)',
    files: ['src/{risk,trading,strategies}/**/*.ts', ...BACKTEST_CORE_FILES],
    imports: [
      String.raw`(?:^|/)(?:risk|trading|strategies)/`,
      String.raw`(?:^|/)backtest/${BACKTEST_CORE}`,
    ],
  },
  {
    key: 'infrastructure',
    name: 'infrastructure (config, database, queue, redis, logging, metrics, health, common)',
    files: ['src/{config,database,queue,redis,logging,metrics,health,common,types}/**/*.ts'],
    imports: [String.raw`(?:^|/)(?:config|database|queue|redis|logging|metrics|health|common)/`],
  },
  {
    key: 'features',
    name: 'features (bots, exchange, notifications, credentials, users, auth, audit, admin, backtest API, dashboard, cli)',
    files: [
      'src/{bots,exchange,notifications,credentials,users,auth,audit,admin,dashboard,cli}/**/*.ts',
      'src/backtest/**/*.ts',
    ],
    imports: [
      String.raw`(?:^|/)(?:bots|exchange|notifications|credentials|users|auth|audit|admin|dashboard|cli)/`,
      String.raw`(?:^|/)backtest/(?!${BACKTEST_CORE})`,
      // The backtest API as the core's siblings see it (a relative path without "backtest/").
      String.raw`^\.\.?/(?:\.\./)*(?:pool|dto)/`,
      String.raw`(?:^|/)(?:backtest-admission|backtest-body|backtest-job|backtest-report-json|backtests\.\w+|candle-row-bytes|candle-rows-json|json-array-chunks|json-bytes)$`,
    ],
  },
  {
    key: 'app',
    name: 'app (main, worker, app.module, app-setup, runtime-config, process-lifecycle, listen-url, openapi)',
    files: ['src/*.ts', 'src/openapi/**/*.ts'],
    imports: [
      String.raw`(?:^|/)openapi/`,
      String.raw`^(?:\.\./)+(?:main|worker|app\.module|app-setup|runtime-config|process-lifecycle|listen-url)$`,
    ],
  },
];

// Decision code imports nothing from Nest, TypeORM or Bull (docs/architecture.md); these files
// of the domain folders are its Nest wiring (modules, the registry, the strategies' HTTP view).
const FRAMEWORK = String.raw`^(?:@nestjs/|typeorm(?:/|$)|bull(?:/|$))`;
const DOMAIN_WIRING = [
  'src/risk/risk.module.ts',
  'src/strategies/strategies.module.ts',
  'src/strategies/strategies.controller.ts',
  'src/strategies/strategy-description.dto.ts',
  'src/strategies/strategy-openapi.ts',
  'src/strategies/strategy-registry.service.ts',
  'src/strategies/strategy-registry.service.spec.ts',
];

// Imports that run up today, allowed one by one until the repositories/kernel step of issue 22
// moves what they need down. Anything not listed here fails the lint.
const EXCEPTIONS = [
  {
    layer: 'domain',
    file: 'src/trading/tick-decision.ts',
    imports: ['../exchange/candle'],
    reason: 'Candle lives in exchange until the repositories/kernel step of issue 22',
  },
  {
    layer: 'domain',
    file: 'src/trading/tick-decision.spec.ts',
    imports: ['../exchange/candle'],
    reason: 'Candle lives in exchange until the repositories/kernel step of issue 22',
  },
  {
    layer: 'domain',
    file: 'src/backtest/candle-series.ts',
    imports: ['../common/errors/validation.error'],
    reason: 'the domain errors move to the kernel in the repositories/kernel step of issue 22',
  },
  {
    layer: 'domain',
    file: 'src/strategies/strategies.controller.ts',
    imports: ['../common/errors/api-error'],
    reason: 'the domain errors move to the kernel in the repositories/kernel step of issue 22',
  },
  {
    layer: 'domain',
    file: 'src/strategies/strategy-registry.service.ts',
    imports: ['../common/errors/validation.error'],
    reason: 'the domain errors move to the kernel in the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/common/user-rate-limit/rate-limit-per-user.guard.ts',
    imports: ['../../auth/authenticated-user'],
    reason: 'the request user type lives in auth until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/common/validation.pipe.spec.ts',
    imports: [
      '../auth/dto/login.dto',
      '../bots/dto/create-bot.dto',
      '../bots/dto/list-query.dto',
      '../bots/dto/update-bot.dto',
      '../notifications/dto/update-notification-channel.dto',
    ],
    reason: 'the pipe is tested on real DTOs until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/database/entities.ts',
    imports: [
      '../audit/audit-event.entity',
      '../auth/entities/revoked-token.entity',
      '../bots/entities/bot-config.entity',
      '../bots/entities/bot-state.entity',
      '../bots/entities/order.entity',
      '../bots/entities/trade.entity',
      '../credentials/entities/api-credential.entity',
      '../notifications/entities/notification-attempt.entity',
      '../notifications/entities/notification-channel.entity',
      '../notifications/entities/notification-delivery.entity',
      '../users/entities/user.entity',
    ],
    reason: 'the entity list names the features until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/database/entity-rows.spec.ts',
    imports: ['../bots/entities/bot-state.entity'],
    reason: 'tested on a real entity until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/health/health.controller.ts',
    imports: [
      '../auth/auth.decorators',
      '../auth/auth.service',
      '../auth/jwt-auth.guard',
      '../users/entities/user.entity',
    ],
    reason:
      'the detailed health view is guarded by auth until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/health/health.module.ts',
    imports: ['../auth/auth.module'],
    reason:
      'the detailed health view is guarded by auth until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/metrics/metrics.controller.ts',
    imports: ['../auth/auth.decorators'],
    reason: 'the scrape is guarded by auth until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/metrics/metrics.module.ts',
    imports: ['../auth/auth.module'],
    reason: 'the scrape is guarded by auth until the repositories/kernel step of issue 22',
  },
  {
    layer: 'infrastructure',
    file: 'src/metrics/scrape-auth.ts',
    imports: ['../auth/auth.service', '../auth/jwt-auth.guard', '../users/entities/user.entity'],
    reason: 'the scrape is guarded by auth until the repositories/kernel step of issue 22',
  },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The rule for a file of layer `index`: one pattern per higher layer, minus the allowed imports.
function restrict(index, { allow = [], wiring = false } = {}) {
  const except = allow.length ? `^(?!(?:${allow.map(escape).join('|')})$)` : '';
  const patterns = LAYERS.slice(index + 1).map((above) => ({
    regex: `${except}.*?(?:${above.imports.join('|')})`,
    message: `Layer rule (issue 22): ${LAYERS[index].name} must not import ${above.name}. Arrows point down: kernel ← domain ← infrastructure ← features ← app.`,
  }));
  if (LAYERS[index].key === 'domain' && !wiring) {
    patterns.push({
      regex: FRAMEWORK,
      message: 'Layer rule (issue 22): decision code imports nothing from Nest, TypeORM or Bull.',
    });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const layerIndex = (key) => LAYERS.findIndex((layer) => layer.key === key);

export default [
  // Highest layer first, so that the backtest core's block overrides the backtest API's.
  ...LAYERS.map((layer, index) => ({ files: layer.files, rules: restrict(index) }))
    .slice(0, -1)
    .reverse(),
  { files: DOMAIN_WIRING, rules: restrict(layerIndex('domain'), { wiring: true }) },
  ...EXCEPTIONS.map(({ layer, file, imports }) => ({
    files: [file],
    rules: restrict(layerIndex(layer), { allow: imports, wiring: DOMAIN_WIRING.includes(file) }),
  })),
];
