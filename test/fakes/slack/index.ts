export { FakeSlack, type FakeSlackOptions, type FakeUsergroup, type ApiCall, type ResponsePost } from './server.js';
export { sign, slashCommandBody, slashCommandFields, blockActionsPayload, blockActionsBody, type SignedRequest, type SlackUser } from './signer.js';
export { validateMessage } from './validate-message.js';
