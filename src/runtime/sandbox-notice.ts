/** The line that labels every answer the built-in sandbox serves (DESIGN.md "The sandbox is always labelled"). */
export const SANDBOX_NOTICE =
  'RoomOps sandbox: emulated vendors and a temporary store, nothing here touches a real vendor. Real accounts: --config FILE, $ROOMOPS_CONFIG or ./roomops.yml.';
