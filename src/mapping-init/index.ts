/** `init-mapping`: a commented, loadable mapping file proposed from the exports and the workspace schema. */

export { draftGenericFiles } from './generic-draft.js';
export { closestAttribute, type RenderInput, renderMapping } from './render.js';
export { collectSelectValues, type SelectField, type SelectProposal } from './select-values.js';
export { closestName, levenshtein, mostSimilar, similarity } from './similarity.js';
