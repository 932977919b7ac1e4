/**
 * Credentials the built-in sandbox emulators accept, and the accounts that use
 * them. They protect nothing (the emulators run on 127.0.0.1 with in-memory
 * data); they exist so the sandbox exercises the same authentication code as
 * real accounts: RongCloud signatures, Agora AccessToken2 built from an App ID
 * and App Certificate, Watchers' two headers, iFlyChat's body key.
 */
export const SANDBOX_CREDENTIALS = {
  iflychat: { apiKey: 'sandbox-ifly-api-key-0001' },
  rongcloud: { appKey: 'sandboxrongkey', appSecret: 'sandbox-rong-secret-0001' },
  watchers: { apiKey: 'sandbox-watchers-api-key-0001', token: 'sandbox-watchers-bearer-0001' },
  agora: {
    orgName: 'sandbox-org',
    appName: 'sandbox-app',
    // 32 hex digits each, the shape of a real App ID and App Certificate.
    appId: '5a1d0c2b3e4f40718293a4b5c6d7e8f9',
    appCertificate: '0f9e8d7c6b5a49382716051f2e3d4c5b',
  },
} as const;
