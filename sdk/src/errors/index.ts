export { AccountRequiredError, SignerMismatchError } from "./account.js";
export { UnsupportedEthersProviderError, UnsupportedTransactionTypeError } from "./adapter.js";
export {
  ComputusContractError,
  ComputusError,
  type ComputusErrorParameters,
  type ContractErrorFactories,
} from "./base.js";
export * from "./capacity.js";
export * from "./clearingHouse.js";
export { ContractRevertedError, UnknownContractError } from "./contract.js";
export * from "./cover.js";
export {
  contractErrorsAbi,
  type DecodeContractErrorReturnType,
  type DecodeErrorDataReturnType,
  decodeContractError,
  decodeErrorData,
  findRevertData,
  isKnownContractError,
} from "./decodeContractError.js";
export {
  ContractNotDeployedError,
  InvalidDeploymentError,
  MissingContractError,
  WrongChainError,
} from "./deployment.js";
export {
  DuplicateSignerError,
  EmptyRoundError,
  InvalidObservationError,
  MismatchedObservationError,
} from "./observation.js";
export * from "./openZeppelin.js";
export * from "./oracle.js";
export { InvalidOrderError } from "./order.js";
export { MissingEventError, TransactionRevertedError } from "./transaction.js";
