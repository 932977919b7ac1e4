export { checkHealth, type Health } from './health.js';
export { type RunningServer, type ServeOptions, serve } from './serve.js';
