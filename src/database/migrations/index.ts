import { Initial1795560189669 } from './1795560189669-Initial';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [Initial1795560189669];
