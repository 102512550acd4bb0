import { Initial1795554922051 } from './1795554922051-Initial';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [Initial1795554922051];
