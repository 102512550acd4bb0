import { InvalidInputError } from '../../kernel/errors/validation.error';
import type { WalkForwardDto } from './dto/optimization-request.dto';
import { parseSearchSpace } from './search-space';
import { schemaStrategy } from './testing/schema-strategy';
import {
  foldWindows,
  parseWalkForward,
  spaceWarmup,
  stitchEquity,
  walkForwardEfficiency,
} from './walk-forward';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors;
    throw error;
  }
  throw new Error('no error');
}

describe('parseWalkForward', () => {
  it('takes either pair, rolling by default', () => {
    expect(parseWalkForward(undefined)).toBeNull();
    expect(parseWalkForward({ folds: 4, trainPct: 75 })).toEqual({
      mode: 'rolling',
      folds: 4,
      trainPct: 75,
    });
    expect(parseWalkForward({ mode: 'anchored', trainCandles: 100, testCandles: 20 })).toEqual({
      mode: 'anchored',
      trainCandles: 100,
      testCandles: 20,
    });
  });

  it.each<[WalkForwardDto, string]>([
    [{ folds: 4 }, 'walkForward.trainPct'],
    [{ trainPct: 60 }, 'walkForward.folds'],
    [{ testCandles: 5 }, 'walkForward.trainCandles'],
    [{ trainCandles: 5 }, 'walkForward.testCandles'],
    [{ folds: 4, trainPct: 60, testCandles: 5 }, 'walkForward'],
    [{ mode: 'rolling' }, 'walkForward'],
  ])('refuses %j on %s', (dto, field) => {
    expect(errorOf(() => parseWalkForward(dto))).toEqual([{ field, reason: expect.any(String) }]);
  });
});

describe('foldWindows', () => {
  it('rolls folds whose tests tile the end, the first train holding trainPct', () => {
    // test = floor(1000 * 25 / (75 + 4 * 25)) = 142; train = 1000 - 4 * 142 = 432.
    expect(foldWindows({ mode: 'rolling', folds: 4, trainPct: 75 }, 1000, 50)).toEqual([
      { index: 0, train: { from: 0, to: 432 }, test: { from: 432, to: 574 } },
      { index: 1, train: { from: 142, to: 574 }, test: { from: 574, to: 716 } },
      { index: 2, train: { from: 284, to: 716 }, test: { from: 716, to: 858 } },
      { index: 3, train: { from: 426, to: 858 }, test: { from: 858, to: 1000 } },
    ]);
  });

  it('anchors every train at candle 0', () => {
    const folds = foldWindows({ mode: 'anchored', trainCandles: 300, testCandles: 200 }, 1000, 10);
    expect(folds).toEqual([
      { index: 0, train: { from: 0, to: 400 }, test: { from: 400, to: 600 } },
      { index: 1, train: { from: 0, to: 600 }, test: { from: 600, to: 800 } },
      { index: 2, train: { from: 0, to: 800 }, test: { from: 800, to: 1000 } },
    ]);
  });

  it('rolls fixed-length windows, the candles before the first train left out', () => {
    expect(foldWindows({ mode: 'rolling', trainCandles: 300, testCandles: 200 }, 1000, 10)).toEqual(
      [
        { index: 0, train: { from: 100, to: 400 }, test: { from: 400, to: 600 } },
        { index: 1, train: { from: 300, to: 600 }, test: { from: 600, to: 800 } },
        { index: 2, train: { from: 500, to: 800 }, test: { from: 800, to: 1000 } },
      ],
    );
  });

  it('refuses windows shorter than the warm-up, too few candles and too many folds', () => {
    expect(
      errorOf(() => foldWindows({ mode: 'rolling', folds: 4, trainPct: 75 }, 1000, 143)),
    ).toEqual([
      {
        field: 'walkForward.folds',
        reason:
          "makes test windows of 142 candles out of 1000; each must hold at least 143 (the strategy's warm-up)",
      },
    ]);
    expect(foldWindows({ mode: 'rolling', folds: 4, trainPct: 75 }, 1000, 142)).toHaveLength(4);
    expect(
      errorOf(() => foldWindows({ mode: 'rolling', trainCandles: 900, testCandles: 200 }, 1000, 1)),
    ).toEqual([
      {
        field: 'walkForward.trainCandles',
        reason: 'with testCandles needs at least 1100 candles, got 1000',
      },
    ]);
    expect(
      errorOf(() => foldWindows({ mode: 'rolling', trainCandles: 10, testCandles: 10 }, 1000, 1)),
    ).toEqual([
      {
        field: 'walkForward.testCandles',
        reason: 'makes 99 folds out of 1000 candles; at most 50',
      },
    ]);
    expect(
      errorOf(() => foldWindows({ mode: 'rolling', trainCandles: 20, testCandles: 300 }, 1000, 21)),
    ).toEqual([
      {
        field: 'walkForward.trainCandles',
        reason: expect.stringContaining('makes train windows of 20 candles'),
      },
    ]);
  });
});

describe('spaceWarmup', () => {
  it('is the largest warm-up over the corners of the searched params', () => {
    const space = parseSearchSpace(
      { period: { min: 5, max: 40, step: 5 }, 'risk.cooldownCandles': { values: [500] } },
      schemaStrategy,
    );
    expect(spaceWarmup(schemaStrategy, { period: 3 }, space)).toBe(40);
    const listed = parseSearchSpace({ period: { values: [7, 60, 9] } }, schemaStrategy);
    expect(spaceWarmup(schemaStrategy, {}, listed)).toBe(60);
  });
});

describe('walkForwardEfficiency', () => {
  it('sums out over sums in, over the folds where both are scored', () => {
    expect(
      walkForwardEfficiency([
        { inScore: 2, outScore: 1 },
        { inScore: 3, outScore: null },
        { inScore: 2, outScore: 0.5 },
      ]),
    ).toBe(1.5 / 4);
    expect(walkForwardEfficiency([{ inScore: null, outScore: 1 }])).toBeNull();
    expect(walkForwardEfficiency([{ inScore: 0, outScore: 1 }])).toBeNull();
  });
});

describe('stitchEquity', () => {
  it('scales each test curve to continue from the previous fold end', () => {
    const stitched = stitchEquity(
      [
        [
          { time: 1, value: '10100' },
          { time: 2, value: '11000' },
        ],
        [
          { time: 3, value: '9000' },
          { time: 4, value: '10000.000000001' },
        ],
        [{ time: 5, value: '20000' }],
      ],
      '10000',
    );
    expect(stitched).toEqual([
      { time: 1, value: '10100' },
      { time: 2, value: '11000' },
      { time: 3, value: '9900' },
      { time: 4, value: '11000' },
      { time: 5, value: '22000' },
    ]);
  });
});
