// The one API client the app uses (same origin: the API server serves the app).
import { ApiError, createClient } from "@bevan/client";

export const api = createClient({ baseUrl: "" });
export { ApiError };
