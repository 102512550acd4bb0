import { Initial1795555265806 } from './1795555265806-Initial';

/** Every migration, in order; listed explicitly so bundling or ESM loading never misses one. */
export const MIGRATIONS = [Initial1795555265806];
