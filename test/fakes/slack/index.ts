export {
  type ApiCall,
  FakeSlack,
  modalProblems,
  type FakeSlackOptions,
  type FakeUsergroup,
  type OpenedModal,
  type PublishedView,
  type ResponsePost,
} from './server.js';
export {
  appHomeOpenedBody,
  blockActionsBody,
  homeBlockActionsPayload,
  blockActionsPayload,
  type SignedRequest,
  type SlackUser,
  sign,
  slashCommandBody,
  slashCommandFields,
  viewSubmissionPayload,
} from './signer.js';
export { validateMessage } from './validate-message.js';
