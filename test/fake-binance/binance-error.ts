/** An error answered the way Binance answers it: an HTTP status and `{ code, msg }`. */
export class BinanceError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly msg: string,
  ) {
    super(msg);
  }
}

const rejected = (code: number, msg: string) => new BinanceError(400, code, msg);

export const invalidSymbol = () => rejected(-1121, 'Invalid symbol.');
export const invalidInterval = () => rejected(-1120, 'Invalid interval.');
export const invalidSide = () => rejected(-1117, 'Invalid side.');
export const invalidOrderType = () => rejected(-1116, 'Invalid orderType.');

export const missingParam = (name: string) =>
  rejected(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
export const missingEither = (a: string, b: string) =>
  rejected(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`);
export const paramNotRequired = (name: string) =>
  rejected(-1106, `Parameter '${name}' sent when not required.`);
export const illegalChars = (name: string, legalRange: string) =>
  rejected(
    -1100,
    `Illegal characters found in parameter '${name}'; legal range is '${legalRange}'.`,
  );
export const invalidParamData = (name: string) =>
  rejected(-1130, `Data sent for parameter '${name}' is not valid.`);
export const recvWindowTooLarge = () =>
  rejected(-1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.");

export const timestampOutsideWindow = () =>
  rejected(-1021, 'Timestamp for this request is outside of the recvWindow.');
export const timestampAhead = () =>
  rejected(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
export const invalidSignature = () => rejected(-1022, 'Signature for this request is not valid.');
export const badApiKeyFormat = () => new BinanceError(401, -2014, 'API-key format invalid.');
export const rejectedApiKey = () =>
  new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');

export const filterFailure = (filter: string) => rejected(-1013, `Filter failure: ${filter}`);
export const orderRejected = (msg: string) => rejected(-2010, msg);
export const insufficientBalance = () =>
  orderRejected('Account has insufficient balance for requested action.');
export const noSuchOrder = () => rejected(-2013, 'Order does not exist.');
