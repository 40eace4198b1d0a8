/**
 * Atlas-shaped errors. Every failure the simulator reports is one `AtlasError`, rendered as
 * `{detail, error, errorCode, parameters, reason}` like the Admin API's `ApiError`.
 */
import { STATUS_CODES } from 'node:http';

export interface FieldViolation {
  field: string;
  description: string;
}

export class AtlasError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly parameters: unknown[];
  readonly fields: FieldViolation[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    errorCode: string,
    detail: string,
    options: { parameters?: unknown[]; fields?: FieldViolation[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'AtlasError';
    this.status = status;
    this.errorCode = errorCode;
    this.parameters = options.parameters ?? [];
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }

  toBody(): Record<string, unknown> {
    return {
      detail: this.message,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: STATUS_CODES[this.status] ?? 'Error',
      ...(this.fields ? { badRequestDetail: { fields: this.fields } } : {}),
    };
  }
}

export const unauthorized = (detail = 'You are not authorized for this resource.'): AtlasError =>
  new AtlasError(401, 'USER_UNAUTHORIZED', detail);

export const forbiddenRole = (): AtlasError =>
  new AtlasError(401, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');

export const validation = (detail: string, fields?: FieldViolation[]): AtlasError =>
  new AtlasError(400, 'VALIDATION_ERROR', detail, fields ? { fields } : {});

export const invalidAttribute = (field: string, detail: string): AtlasError =>
  new AtlasError(400, 'INVALID_ATTRIBUTE', detail, { parameters: [field], fields: [{ field, description: detail }] });

export const missingAttribute = (field: string): AtlasError =>
  new AtlasError(400, 'MISSING_ATTRIBUTE', `The required attribute ${field} was not specified.`, {
    parameters: [field],
    fields: [{ field, description: `${field} is required` }],
  });

export const pathParamError = (name: string, value: string): AtlasError =>
  new AtlasError(400, 'PATH_PARAM_PARSE_ERROR', `Invalid value "${value}" for path parameter ${name}.`, {
    parameters: [name, value],
  });
