export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './adapter.js';
