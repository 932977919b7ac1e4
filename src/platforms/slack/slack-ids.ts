/**
 * Slack ids as they arrive in payloads (and come back in a modal's
 * private_metadata): checked before they are stored or used in a Web API call.
 */
export const CHANNEL_ID = /^[CDG][A-Z0-9]{2,30}$/;
export const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
export const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
