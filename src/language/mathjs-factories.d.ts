// mathjs exports its factory functions (for custom bundles, as its docs on
// "custom bundling" describe) but its type declarations leave them out.
import 'mathjs/number';

declare module 'mathjs/number' {
  type Factory = (dependencies: Record<string, unknown>) => unknown;
  export const createNode: Factory;
  export const createParse: Factory;
  export const createAccessorNode: Factory;
  export const createArrayNode: Factory;
  export const createAssignmentNode: Factory;
  export const createBlockNode: Factory;
  export const createConditionalNode: Factory;
  export const createConstantNode: Factory;
  export const createFunctionAssignmentNode: Factory;
  export const createFunctionNode: Factory;
  export const createIndexNode: Factory;
  export const createObjectNode: Factory;
  export const createOperatorNode: Factory;
  export const createParenthesisNode: Factory;
  export const createRangeNode: Factory;
  export const createRelationalNode: Factory;
  export const createSymbolNode: Factory;
}
