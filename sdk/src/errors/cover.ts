/**
 * Typed errors of covered shorts: capacity tokens posted in the clearing house as cover
 * (contracts/interfaces/IClearingHouseBase.sol, "Covered shorts" errors). Mapped by name in
 * `clearingHouseErrors`.
 */
import type { Address, Hex } from "viem";
import { ComputusContractError } from "./base.js";

type Cause = { cause?: Error | undefined };

function base(name: string, errorName: string, args: readonly unknown[], cause: Error | undefined) {
  return { name, errorName, args, cause };
}

export class CapacityTokenNotSetError extends ComputusContractError {
  constructor({ cause }: Cause = {}) {
    super(
      "This clearing house has no capacity token registered: covered shorts are not available.",
      base("CapacityTokenNotSetError", "CapacityTokenNotSet", [], cause),
    );
  }
}

export class CapacityTokenAlreadySetError extends ComputusContractError {
  readonly token: Address;
  constructor({ token, cause }: { token: Address } & Cause) {
    super(
      `The capacity token is already registered (${token}).`,
      base("CapacityTokenAlreadySetError", "CapacityTokenAlreadySet", [token], cause),
    );
    this.token = token;
  }
}

export class NotCapacityTokenError extends ComputusContractError {
  readonly token: Address;
  constructor({ token, cause }: { token: Address } & Cause) {
    super(
      `The clearing house only takes units of its capacity token, not of ${token}.`,
      base("NotCapacityTokenError", "NotCapacityToken", [token], cause),
    );
    this.token = token;
  }
}

export class UnexpectedCapacityTransferError extends ComputusContractError {
  readonly operator: Address;
  constructor({ operator, cause }: { operator: Address } & Cause) {
    super(
      "Capacity units must be posted with postCapacityCollateral, not sent to the clearing house directly.",
      base("UnexpectedCapacityTransferError", "UnexpectedCapacityTransfer", [operator], cause),
    );
    this.operator = operator;
  }
}

export class CoverNotEnabledError extends ComputusContractError {
  readonly marketId: bigint;
  constructor({ marketId, cause }: { marketId: bigint } & Cause) {
    super(
      `Market ${marketId} does not take capacity as cover (no cover parameters).`,
      base("CoverNotEnabledError", "CoverNotEnabled", [marketId], cause),
    );
    this.marketId = marketId;
  }
}

export class CoverIndexMismatchError extends ComputusContractError {
  readonly marketId: bigint;
  readonly tokenId: bigint;
  readonly marketIndex: Hex;
  readonly tokenIndex: Hex;
  constructor({
    marketId,
    tokenId,
    marketIndex,
    tokenIndex,
    cause,
  }: { marketId: bigint; tokenId: bigint; marketIndex: Hex; tokenIndex: Hex } & Cause) {
    super(
      `Capacity ${tokenId} is priced by another index than market ${marketId}'s: it cannot cover a short there.`,
      base("CoverIndexMismatchError", "CoverIndexMismatch", [marketId, tokenId, marketIndex, tokenIndex], cause),
    );
    this.marketId = marketId;
    this.tokenId = tokenId;
    this.marketIndex = marketIndex;
    this.tokenIndex = tokenIndex;
  }
}

export class CoverWindowMismatchError extends ComputusContractError {
  readonly marketId: bigint;
  readonly tokenId: bigint;
  readonly start: number;
  readonly end: number;
  constructor({
    marketId,
    tokenId,
    start,
    end,
    cause,
  }: { marketId: bigint; tokenId: bigint; start: number; end: number } & Cause) {
    super(
      `Capacity ${tokenId} has no hour left inside market ${marketId}'s window.`,
      base("CoverWindowMismatchError", "CoverWindowMismatch", [marketId, tokenId, start, end], cause),
    );
    this.marketId = marketId;
    this.tokenId = tokenId;
    this.start = start;
    this.end = end;
  }
}

export class CoverTokenMismatchError extends ComputusContractError {
  readonly marketId: bigint;
  readonly posted: bigint;
  readonly tokenId: bigint;
  constructor({ marketId, posted, tokenId, cause }: { marketId: bigint; posted: bigint; tokenId: bigint } & Cause) {
    super(
      `Capacity ${posted} is already posted in market ${marketId}: one capacity id per market (withdraw it first).`,
      base("CoverTokenMismatchError", "CoverTokenMismatch", [marketId, posted, tokenId], cause),
    );
    this.marketId = marketId;
    this.posted = posted;
    this.tokenId = tokenId;
  }
}

export class InsufficientCoverError extends ComputusContractError {
  readonly marketId: bigint;
  readonly tokenId: bigint;
  readonly posted: bigint;
  readonly requested: bigint;
  constructor({
    marketId,
    tokenId,
    posted,
    requested,
    cause,
  }: { marketId: bigint; tokenId: bigint; posted: bigint; requested: bigint } & Cause) {
    super(
      `Cannot withdraw ${requested} units of capacity ${tokenId} from market ${marketId}: ${posted} posted.`,
      base("InsufficientCoverError", "InsufficientCover", [marketId, tokenId, posted, requested], cause),
    );
    this.marketId = marketId;
    this.tokenId = tokenId;
    this.posted = posted;
    this.requested = requested;
  }
}

export class InvalidCoverParamsError extends ComputusContractError {
  readonly field: Hex;
  readonly value: bigint;
  constructor({ field, value, cause }: { field: Hex; value: bigint } & Cause) {
    super(
      `Invalid cover parameter ${field} = ${value}.`,
      base("InvalidCoverParamsError", "InvalidCoverParams", [field, value], cause),
    );
    this.field = field;
    this.value = value;
  }
}
