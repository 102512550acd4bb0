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

// The HTTP views of health and metrics are guarded by auth, so they sit with the features; the
// probes and the counters they show are infrastructure.
const VIEW_FILES = [
  'src/health/health.{controller,module}{,.spec}.ts',
  'src/metrics/{metrics.controller,metrics.module,scrape-auth}{,.spec}.ts',
];
const VIEWS = String.raw`(?:health/health\.(?:controller|module)|metrics/(?:metrics\.controller|metrics\.module|scrape-auth))$`;

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
    name: 'infrastructure (config, database, queue, redis, logging, metrics, health, common, user-rate-limit)',
    files: [
      'src/{config,database,queue,redis,logging,metrics,health,common,user-rate-limit,types}/**/*.ts',
    ],
    ignores: VIEW_FILES,
    imports: [
      String.raw`(?:^|/)(?:config|database|queue|redis|logging|common|user-rate-limit)/`,
      String.raw`(?:^|/)(?:metrics|health)/(?!.*${VIEWS})`,
    ],
  },
  {
    key: 'features',
    name: 'features (bots, exchange, notifications, credentials, users, auth, audit, admin, backtest API, optimization, dashboard, cli)',
    files: [
      'src/{bots,exchange,notifications,credentials,users,auth,audit,admin,optimization,dashboard,cli}/**/*.ts',
      'src/backtest/**/*.ts',
      ...VIEW_FILES,
    ],
    imports: [
      String.raw`(?:^|/)${VIEWS}`,
      String.raw`(?:^|/)(?:bots|exchange|notifications|credentials|users|auth|audit|admin|optimization|dashboard|cli)/`,
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
  'src/strategies/strategy-sources.module.ts',
  'src/strategies/strategies.controller.ts',
  'src/strategies/strategy-description.dto.ts',
  'src/strategies/strategy-openapi.ts',
  'src/strategies/strategy-registry.service.ts',
  'src/strategies/strategy-registry.service.spec.ts',
];

// Imports that run up, allowed one by one. Anything not listed here fails the lint.
const EXCEPTIONS = [
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
    reason: "a spec: the pipe is tested on the app's own DTOs, the shapes it must reject",
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
  ...LAYERS.map((layer, index) => ({
    files: layer.files,
    ...(layer.ignores && { ignores: layer.ignores }),
    rules: restrict(index),
  }))
    .slice(0, -1)
    .reverse(),
  { files: DOMAIN_WIRING, rules: restrict(layerIndex('domain'), { wiring: true }) },
  ...EXCEPTIONS.map(({ layer, file, imports }) => ({
    files: [file],
    rules: restrict(layerIndex(layer), { allow: imports, wiring: DOMAIN_WIRING.includes(file) }),
  })),
];
