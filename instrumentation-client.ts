// Runs in the browser before the app's own code. Zod probes whether it may compile validators
// with `new Function`; under Baton's Content-Security-Policy (no 'unsafe-eval') that probe is a
// policy violation on every page. Turning the compiler off skips the probe; validation is the same.
import { z } from "zod";

z.config({ jitless: true });
