import { Initial1795552219511 } from './1795552219511-Initial';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [Initial1795552219511];
