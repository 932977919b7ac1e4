export { serve, type ServeOptions, type RunningServer } from './serve.js';
export { checkHealth, type Health } from './health.js';
