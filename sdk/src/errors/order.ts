import { ComputusError } from "./base.js";

/**
 * An order (or amount) refused by the SDK before anything is simulated or sent: a size that is
 * not a whole number of GPU-hours or not a multiple of the market's lot, a price off the tick …
 */
export class InvalidOrderError extends ComputusError {
  /** The parameter at fault: `size`, `price`, `expiry`, `amount`. */
  readonly field: string;
  readonly value: unknown;
  constructor({ field, value, reason }: { field: string; value: unknown; reason: string }) {
    super(`Invalid ${field} ${String(value)}: ${reason}`, { name: "InvalidOrderError" });
    this.field = field;
    this.value = value;
  }
}
