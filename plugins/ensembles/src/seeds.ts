// Child seeds come from core, shared with every learner that builds other learners.
export { deriveSeed } from '@tributary/core';
