/**
 * Typed errors for every custom error of the capacity token (contracts/interfaces/
 * ICapacityToken.sol), one class each, with a message a GPU owner or holder understands; the
 * error's decoded arguments are `args` (as in the ABI). The decoder maps a revert to them by
 * error signature through `capacityTokenErrors` (see `decodeContractError.ts`).
 */
import type { ContractErrorArgs, ContractErrorName } from "viem";
import type { capacityTokenAbi } from "../generated/abis.js";
import { formatIndexId, formatTimestamp } from "../utils/format.js";
import { ComputusContractError, type ContractErrorFactories } from "./base.js";
import { openZeppelinErrors } from "./openZeppelin.js";

type Name = ContractErrorName<typeof capacityTokenAbi>;
type Args<name extends Name> = ContractErrorArgs<typeof capacityTokenAbi, name> & readonly unknown[];

/** A class per capacity-token error: `new XError(args, cause)`; `instanceof` tells them apart. */
function capacityError<const name extends Name>(errorName: name, message: (args: Args<name>) => string) {
  const className = `${errorName}Error`;
  const Class = class extends ComputusContractError {
    declare readonly args: Args<name>;
    constructor(args: Args<name>, cause?: Error | undefined) {
      super(message(args), { name: className, errorName, args, cause });
    }
  };
  Object.defineProperty(Class, "name", { value: className });
  return Class;
}

const t = (seconds: bigint | number) => formatTimestamp(seconds);

export const NotProviderError = capacityError(
  "NotProvider",
  ([caller, provider]) => `Only the attested provider ${provider} may mint this capacity (sent by ${caller}).`,
);
export const CapacityTransferAmountMismatchError = capacityError(
  "TransferAmountMismatch",
  ([expected, received]) =>
    `The collateral token moved ${received} instead of the bond's ${expected}: fee-on-transfer collateral cannot back capacity.`,
);
export const AttestationExpiredError = capacityError(
  "AttestationExpired",
  ([expiry]) => `The capacity attestation expired at ${t(expiry)}; ask the attestor for a new one.`,
);
export const AttestationUsedError = capacityError(
  "AttestationUsed",
  ([provider, nonce]) => `Attestation nonce ${nonce} of provider ${provider} was used already.`,
);
export const InvalidAttestorError = capacityError(
  "InvalidAttestor",
  ([signer]) => `The attestation is signed by ${signer}, who is not a capacity attestor.`,
);
export const CapacityInvalidWindowError = capacityError(
  "InvalidWindow",
  ([start, end]) =>
    `Delivery window ${t(start)} to ${t(end)} is invalid: it must start before it ends, on whole hours.`,
);
export const WindowNotInFutureError = capacityError(
  "WindowNotInFuture",
  ([start]) => `The delivery window started at ${t(start)}: only future windows can be minted.`,
);
export const InvalidUnitsError = capacityError(
  "InvalidUnits",
  ([units, maximum]) => `Invalid number of GPU-hours ${units}: it must be between 1 and ${maximum}.`,
);
export const IndexNotEnabledError = capacityError(
  "IndexNotEnabled",
  ([indexId]) => `Capacity on ${formatIndexId(indexId)} cannot be minted: the index has no bond rate.`,
);
export const IndexDecimalsMismatchError = capacityError(
  "IndexDecimalsMismatch",
  ([indexId, indexDecimals, collateralDecimals]) =>
    `Index ${formatIndexId(indexId)} has ${indexDecimals} decimals, the collateral ${collateralDecimals}: its prices are not money.`,
);
export const UnknownCapacityError = capacityError(
  "UnknownCapacity",
  ([id]) => `Capacity token ${id} was never minted.`,
);
export const RedemptionClosedError = capacityError(
  "RedemptionClosed",
  ([id, end]) => `Capacity ${id} can no longer be redeemed: its window ended at ${t(end)}.`,
);
export const RedeemExceedsBalanceError = capacityError(
  "RedeemExceedsBalance",
  ([holder, id, balance, units]) =>
    `${holder} holds ${balance} GPU-hours of capacity ${id}, fewer than the ${units} redeemed.`,
);
export const UnknownRequestError = capacityError(
  "UnknownRequest",
  ([id, requestIndex]) => `Capacity ${id} has no redemption request ${requestIndex}.`,
);
export const AlreadyConfirmedError = capacityError(
  "AlreadyConfirmed",
  ([id, requestIndex]) => `Delivery of request ${requestIndex} of capacity ${id} is confirmed already.`,
);
export const AlreadyCompensatedError = capacityError(
  "AlreadyCompensated",
  ([id, requestIndex]) => `Request ${requestIndex} of capacity ${id} was compensated already.`,
);
export const NothingToClaimError = capacityError(
  "NothingToClaim",
  ([id, requestIndex]) => `Request ${requestIndex} of capacity ${id} has no undelivered hours to compensate.`,
);
export const InvalidDeliveryError = capacityError(
  "InvalidDelivery",
  ([delivered, undelivered]) =>
    `A delivery of ${delivered} GPU-hours is invalid: it must be between 1 and the ${undelivered} still undelivered.`,
);
export const DeliveryDeadlinePassedError = capacityError(
  "DeliveryDeadlinePassed",
  ([id, deadline]) => `Deliveries of capacity ${id} had to be confirmed by ${t(deadline)}.`,
);
export const DeadlineNotReachedError = capacityError(
  "DeadlineNotReached",
  ([id, deadline]) => `Capacity ${id} can be compensated or expired only after ${t(deadline)}.`,
);
export const AverageNotFinalError = capacityError(
  "AverageNotFinal",
  ([id, finalAt]) => `The index average for capacity ${id} may still change until ${t(finalAt)}.`,
);
export const CompensationPriceAlreadyFixedError = capacityError(
  "CompensationPriceAlreadyFixed",
  ([id, price]) => `The compensation price of capacity ${id} is fixed already, at ${price}.`,
);
export const NothingToReleaseError = capacityError(
  "NothingToRelease",
  ([id]) => `Capacity ${id} has no unredeemed GPU-hours left to expire.`,
);
export const CompensationPriceUnavailableError = capacityError(
  "CompensationPriceUnavailable",
  ([indexId]) => `The oracle has neither the window's average nor a fresh price of ${formatIndexId(indexId)}.`,
);
export const IndexMismatchError = capacityError(
  "IndexMismatch",
  ([id, expected, actual]) => `Capacity ${id} is priced on ${formatIndexId(actual)}, not ${formatIndexId(expected)}.`,
);
export const InvalidHaircutError = capacityError(
  "InvalidHaircut",
  ([haircutBps]) => `A haircut of ${haircutBps} basis points is above 10,000.`,
);
function erc1155(errorName: Name & `ERC1155${string}`) {
  return capacityError(
    errorName,
    (args) => `The capacity token refused the transfer (${errorName}: ${args.join(", ")}).`,
  );
}
export const ERC1155InsufficientBalanceError = capacityError(
  "ERC1155InsufficientBalance",
  ([sender, balance, needed, tokenId]) =>
    `${sender} holds ${balance} GPU-hours of capacity ${tokenId}; ${needed} are needed.`,
);
export const ERC1155InvalidApproverError = erc1155("ERC1155InvalidApprover");
export const ERC1155InvalidArrayLengthError = erc1155("ERC1155InvalidArrayLength");
export const ERC1155InvalidOperatorError = erc1155("ERC1155InvalidOperator");
export const ERC1155InvalidReceiverError = erc1155("ERC1155InvalidReceiver");
export const ERC1155InvalidSenderError = erc1155("ERC1155InvalidSender");
export const ERC1155MissingApprovalForAllError = capacityError(
  "ERC1155MissingApprovalForAll",
  ([operator, owner]) => `${operator} is not approved to move ${owner}'s capacity tokens.`,
);
export const SafeERC20FailedOperationError = capacityError(
  "SafeERC20FailedOperation",
  ([token]) => `The collateral token ${token} refused the transfer (balance or allowance too low?).`,
);

/** Every custom error of the capacity token, by name. */
export const capacityTokenErrors = {
  ...openZeppelinErrors,
  NotProvider: (args, cause) => new NotProviderError(args, cause),
  TransferAmountMismatch: (args, cause) => new CapacityTransferAmountMismatchError(args, cause),
  AttestationExpired: (args, cause) => new AttestationExpiredError(args, cause),
  AttestationUsed: (args, cause) => new AttestationUsedError(args, cause),
  InvalidAttestor: (args, cause) => new InvalidAttestorError(args, cause),
  InvalidWindow: (args, cause) => new CapacityInvalidWindowError(args, cause),
  WindowNotInFuture: (args, cause) => new WindowNotInFutureError(args, cause),
  InvalidUnits: (args, cause) => new InvalidUnitsError(args, cause),
  IndexNotEnabled: (args, cause) => new IndexNotEnabledError(args, cause),
  IndexDecimalsMismatch: (args, cause) => new IndexDecimalsMismatchError(args, cause),
  UnknownCapacity: (args, cause) => new UnknownCapacityError(args, cause),
  RedemptionClosed: (args, cause) => new RedemptionClosedError(args, cause),
  RedeemExceedsBalance: (args, cause) => new RedeemExceedsBalanceError(args, cause),
  UnknownRequest: (args, cause) => new UnknownRequestError(args, cause),
  AlreadyConfirmed: (args, cause) => new AlreadyConfirmedError(args, cause),
  AlreadyCompensated: (args, cause) => new AlreadyCompensatedError(args, cause),
  NothingToClaim: (args, cause) => new NothingToClaimError(args, cause),
  InvalidDelivery: (args, cause) => new InvalidDeliveryError(args, cause),
  DeliveryDeadlinePassed: (args, cause) => new DeliveryDeadlinePassedError(args, cause),
  DeadlineNotReached: (args, cause) => new DeadlineNotReachedError(args, cause),
  AverageNotFinal: (args, cause) => new AverageNotFinalError(args, cause),
  CompensationPriceAlreadyFixed: (args, cause) => new CompensationPriceAlreadyFixedError(args, cause),
  NothingToRelease: (args, cause) => new NothingToReleaseError(args, cause),
  CompensationPriceUnavailable: (args, cause) => new CompensationPriceUnavailableError(args, cause),
  IndexMismatch: (args, cause) => new IndexMismatchError(args, cause),
  InvalidHaircut: (args, cause) => new InvalidHaircutError(args, cause),
  ERC1155InsufficientBalance: (args, cause) => new ERC1155InsufficientBalanceError(args, cause),
  ERC1155InvalidApprover: (args, cause) => new ERC1155InvalidApproverError(args, cause),
  ERC1155InvalidArrayLength: (args, cause) => new ERC1155InvalidArrayLengthError(args, cause),
  ERC1155InvalidOperator: (args, cause) => new ERC1155InvalidOperatorError(args, cause),
  ERC1155InvalidReceiver: (args, cause) => new ERC1155InvalidReceiverError(args, cause),
  ERC1155InvalidSender: (args, cause) => new ERC1155InvalidSenderError(args, cause),
  ERC1155MissingApprovalForAll: (args, cause) => new ERC1155MissingApprovalForAllError(args, cause),
  SafeERC20FailedOperation: (args, cause) => new SafeERC20FailedOperationError(args, cause),
} as const satisfies ContractErrorFactories<typeof capacityTokenAbi>;
