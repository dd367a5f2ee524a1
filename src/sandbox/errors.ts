/**
 * The sandbox's one error type. Anything thrown as ApiError becomes a JSON:API error envelope with a
 * string status, as Clarify sends it: `{errors:[{status:"422", title, detail, source:{pointer}}]}`.
 */
export interface ErrorObject {
  status: string;
  title?: string;
  detail: string;
  source?: { pointer: string };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Invalid input',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export class ApiError extends Error {
  readonly status: number;
  readonly pointer: string | undefined;

  constructor(status: number, detail: string, pointer?: string) {
    super(detail);
    this.status = status;
    this.pointer = pointer;
  }

  toBody(): { errors: ErrorObject[] } {
    return errorBody(this.status, this.message, this.pointer);
  }
}

export function errorBody(status: number, detail: string, pointer?: string): { errors: ErrorObject[] } {
  const error: ErrorObject = { status: String(status), detail };
  const title = TITLES[status];
  if (title) error.title = title;
  if (pointer !== undefined) error.source = { pointer };
  return { errors: [error] };
}

export const badRequest = (detail: string, pointer?: string) => new ApiError(400, detail, pointer);
export const invalid = (detail: string, pointer?: string) => new ApiError(422, detail, pointer);
export const notFound = (detail: string, pointer?: string) => new ApiError(404, detail, pointer);
