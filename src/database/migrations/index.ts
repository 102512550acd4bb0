import { Initial1795553228345 } from './1795553228345-Initial';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [Initial1795553228345];
