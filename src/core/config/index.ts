export { type ConfigIssue, type Env, interpolateEnv } from './interpolate.js';
export {
  DEFAULT_CONFIG_FILE,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  parseConfigText,
  validateConfig,
} from './load-config.js';
export {
  ACCOUNT_NAME,
  ACTION_NAMES,
  type AccessConfig,
  accessSchema,
  configSchema,
  DEFAULT_CONFIRM_TIMEOUT_MINUTES,
  NO_ROLE,
  type RoomOpsConfig,
  type StorageConfig,
  storageSchema,
} from './schema.js';
