/**
 * The capability matrix of shared/vendors/README.md §3 as data, for help and
 * the Discord registration, which must know what each vendor supports
 * without building a client. A test checks every client declares the same.
 */
import type { Operation, VendorName, VendorTraits } from './types.js';

export const VENDOR_CAPABILITIES: Readonly<Record<VendorName, ReadonlySet<Operation>>> = {
  iflychat: new Set<Operation>([
    'create',
    'list',
    'info',
    'update',
    'delete',
    'announce.write',
    'members.list',
    'kick',
    'history',
  ]),
  rongcloud: new Set<Operation>([
    'create',
    'info',
    'update',
    'delete',
    'mute',
    'keepalive',
    'members.list',
    'kick',
  ]),
  watchers: new Set<Operation>([
    'create',
    'list',
    'info',
    'delete',
    'status',
    'voice',
    'announce.write',
    'kick',
  ]),
  agora: new Set<Operation>([
    'create',
    'list',
    'info',
    'update',
    'delete',
    'mute',
    'announce.read',
    'announce.write',
    'members.list',
    'members.add',
    'members.remove',
    'kick',
  ]),
};

export const VENDOR_LABEL: Readonly<Record<VendorName, string>> = {
  iflychat: 'iFlyChat',
  rongcloud: 'RongCloud',
  watchers: 'Watchers.io',
  agora: 'Agora Chat',
};

/** Vendor facts commands act on (types.ts VendorTraits), as data rather than branches on vendor names. */
export const VENDOR_TRAITS: Readonly<Record<VendorName, VendorTraits>> = {
  iflychat: { createKey: 'name', roomList: 'whole', kickScope: 'site' },
  rongcloud: { createKey: 'id', roomList: 'none', kickScope: 'room' },
  watchers: { createKey: 'id', roomList: 'upcoming', kickScope: 'room' },
  agora: { createKey: 'name', roomList: 'paged', kickScope: 'room' },
};
