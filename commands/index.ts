/**
 * Every action, in the order help lists them. One file per action.
 */
import type { CommandSpec } from '../src/core/command-spec.js';
import { accounts } from './accounts.js';
import { announce } from './announce.js';
import { audit } from './audit.js';
import { create } from './create.js';
import { del } from './delete.js';
import { help } from './help.js';
import { history } from './history.js';
import { info } from './info.js';
import { jobs } from './jobs.js';
import { keepalive } from './keepalive.js';
import { kick } from './kick.js';
import { list } from './list.js';
import { members } from './members.js';
import { mute } from './mute.js';
import { status } from './status.js';
import { update } from './update.js';
import { voice } from './voice.js';

export const COMMANDS: readonly CommandSpec[] = [
  help,
  accounts,
  create,
  list,
  info,
  update,
  del,
  status,
  voice,
  mute,
  keepalive,
  announce,
  members,
  kick,
  history,
  jobs,
  audit,
];
