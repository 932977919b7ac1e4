/** What every Discord handler needs: the engine, the page cache, a logger. */
import type { EngineApi } from '../../core/engine-api.js';
import type { Logger } from '../../core/logger.js';
import type { PageCache } from './page-cache.js';

export interface HandlerContext {
  engine: EngineApi;
  pages: PageCache;
  logger: Logger;
}
