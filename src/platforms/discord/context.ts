/** What every Discord handler needs: the engine, the page state, a logger. */
import type { EngineApi } from '../../core/engine-api.js';
import type { Logger } from '../../core/logger.js';
import type { PageState } from '../page-state.js';

export interface HandlerContext {
  engine: EngineApi;
  pages: PageState;
  logger: Logger;
}
