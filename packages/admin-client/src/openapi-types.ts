// Generated from openapi.json by `pnpm --filter @wearables/admin-client generate`; do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Up, database reachable */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description Up, database unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database reachable and every migration applied */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description Not ready: database unreachable, or migrations not current */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfill-passes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finished backfill passes, latest first, with the latest success and the failures since (what the alerts read) */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    kind?: "run" | "user";
                    /** @description Page size, 1–200 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of passes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BackfillPassPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backfill jobs, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    /** @description Page size, 1–500 */
                    limit?: number;
                    status?: "queued" | "running" | "waiting" | "done" | "failed" | "cancelled";
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of jobs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BackfillJobPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backfills/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job with the progress of its windows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BackfillJob"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every record created or revised, in commit order, gap-free: poll with the last next_cursor
         * @description A change is handed out once every transaction that started before it has finished, so a consumer that polls with `after` never misses one, even when writers commit out of order (ADR 0305). A record revised twice between two polls comes once, at its latest revision. Erasures are not announced.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's next_cursor; absent: from the beginning */
                    after?: string;
                    /** @description Include each record's document */
                    documents?: "true" | "false";
                    limit?: number;
                    /** @description Data types, repeated or comma-separated; absent: all */
                    types?: ("activity" | "body" | "daily" | "sleep" | "menstruation" | "nutrition" | "athlete")[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of changes, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangePage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook inbox, newest first, filtered by status, type, user or warnings */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    /** @description true: only events with warnings (kept with something unknown); false: only those without */
                    has_warnings?: "true" | "false";
                    /** @description Page size, 1–500 */
                    limit?: number;
                    status?: "received" | "processed" | "failed" | "ignored" | "pending" | "partial";
                    type?: string;
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event with its error (never its body, which holds health data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Inbox event id */
                    eventId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventDetail"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Process one stored event again, from its raw body (after a fix)
         * @description An event that still cannot be processed (a payload the schema or the database refuses) answers 200 with its result `failed` and the reason in `error`; the event keeps that status and error.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Inbox event id */
                    eventId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Replayed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayResponse"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay events by id, or the newest `limit` events in a status (and type)
         * @description Each event is replayed in its own transaction and reported in `results`: one that cannot be processed ends `failed` with its reason and never stops the others.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplayRequest"];
                };
            };
            responses: {
                /** @description Replayed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayResponse"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/measurements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The measurement catalog: every Withings measurement Terra carries, with its unit (UCUM), source and aggregation
         * @description The same list as @wearables/schemas' measurements.json. Names are what `measurement` takes in the series routes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every measurement, in code order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MeasurementList"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/series/{measurement}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who crossed a threshold: users with a value within [min, max] in the range (e.g. systolic_bp ≥ 140 this week) */
        get: {
            parameters: {
                query: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    /** @description Last local day, inclusive (YYYY-MM-DD) */
                    end: string;
                    limit?: number;
                    /** @description Inclusive upper bound */
                    max?: number | null;
                    /** @description Inclusive lower bound */
                    min?: number | null;
                    /** @description First local day, inclusive (YYYY-MM-DD) */
                    start: string;
                };
                header?: never;
                path: {
                    /** @description A measurement of the catalog */
                    measurement: "weight" | "body_fat" | "fat_free_mass" | "muscle_mass" | "bone_mass" | "body_water" | "bmi" | "visceral_fat" | "systolic_bp" | "diastolic_bp" | "pulse" | "measured_heart_rate" | "resting_heart_rate" | "average_heart_rate" | "heart_rate" | "hrv_rmssd" | "hrv_sdnn" | "rr_interval" | "pulse_wave_velocity" | "afib_classification" | "ecg_result" | "ecg_heart_rate" | "ecg_voltage" | "spo2" | "sleep_spo2" | "body_temperature" | "skin_temperature" | "sleep_duration" | "deep_sleep" | "light_sleep" | "rem_sleep" | "awake_duration" | "time_in_bed" | "sleep_efficiency" | "sleep_latency" | "respiration_rate" | "snoring_duration" | "snoring_episodes" | "wakeups" | "sleep_heart_rate" | "hypnogram" | "breathing_rate" | "night_heart_rate" | "steps" | "distance" | "floors" | "active_calories" | "total_calories" | "active_duration" | "workout_type" | "workout_duration" | "workout_distance" | "workout_calories" | "workout_heart_rate" | "workout_max_heart_rate" | "workout_steps";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of users, by user id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThresholdPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries per day and over the last 24 hours by type and outcome, connections by status, failed events, the processing backlog */
        get: {
            parameters: {
                query?: {
                    /** @description Days back, 1–90 */
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Stats */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Stats"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The presented token's name and role (a client checks a token with it and hides writes from read tokens) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenInfo"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections (ordered by Terra user id), filtered by status, provider or reference id */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    /** @description Page size, 1–500 */
                    limit?: number;
                    provider?: string;
                    reference_id?: string;
                    status?: "active" | "deauthorized" | "revoked" | "error";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user with connection status and a coverage summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserDetail"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase a user: disconnect, then delete their rows in every table, the inbox included
         * @description Only an audit row remains. Repeating it is harmless (`erased: false`). When Terra fails the request fails with 502 and nothing is deleted, so that deliveries cannot recreate the user.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Erased (or nothing left to erase) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EraseResponse"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored records of one type, by day (dates as Terra writes them), with keyset pagination
         * @description Each record's `document` is the whole Terra model as received (see @wearables/schemas). A page holds at most `limit` records and about 4 MiB of documents (the server's byte budget): past it the page ends early with a `next_cursor`; a record larger than the budget comes alone.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Opaque `next_cursor` from the previous page */
                    cursor?: string;
                    /** @description Calendar date, YYYY-MM-DD */
                    end_date?: string;
                    /** @description Page size, 1–500 */
                    limit?: number;
                    /** @description Calendar date, YYYY-MM-DD */
                    start_date?: string;
                };
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                    /** @description Data type */
                    type: "activity" | "body" | "daily" | "sleep" | "menstruation" | "nutrition" | "athlete";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of records */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordPage"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a backfill of some data types over a date range; the backfill worker executes it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BackfillCreate"];
                };
            };
            responses: {
                /** @description Queued */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BackfillJob"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Coverage per data type: records stored, first and last day, days fetched */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Coverage */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CoverageList"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deauthenticate at Terra and mark the connection deauthorized (data is kept) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disconnected */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DisconnectResponse"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user's measurements as points or buckets (count, min, max, value) in the user's local days
         * @description Times are the wall clock Terra wrote (the user's local time) with the offset Terra gave. A point's local day is the date part as written; day, week (ISO, from Monday) and month buckets are local days, hour buckets local hours. A bucket's `value` combines its points by the measurement's aggregation (see GET /v1/measurements).
         */
        get: {
            parameters: {
                query: {
                    /** @description raw: every point */
                    bucket?: "raw" | "hour" | "day" | "week" | "month";
                    /** @description Last local day, inclusive (YYYY-MM-DD) */
                    end: string;
                    /** @description raw only: points per measurement at most (the earliest) */
                    limit?: number;
                    /** @description Catalog names, repeated or comma-separated (at most 12) */
                    measurement: ("weight" | "body_fat" | "fat_free_mass" | "muscle_mass" | "bone_mass" | "body_water" | "bmi" | "visceral_fat" | "systolic_bp" | "diastolic_bp" | "pulse" | "measured_heart_rate" | "resting_heart_rate" | "average_heart_rate" | "heart_rate" | "hrv_rmssd" | "hrv_sdnn" | "rr_interval" | "pulse_wave_velocity" | "afib_classification" | "ecg_result" | "ecg_heart_rate" | "ecg_voltage" | "spo2" | "sleep_spo2" | "body_temperature" | "skin_temperature" | "sleep_duration" | "deep_sleep" | "light_sleep" | "rem_sleep" | "awake_duration" | "time_in_bed" | "sleep_efficiency" | "sleep_latency" | "respiration_rate" | "snoring_duration" | "snoring_episodes" | "wakeups" | "sleep_heart_rate" | "hypnogram" | "breathing_rate" | "night_heart_rate" | "steps" | "distance" | "floors" | "active_calories" | "total_calories" | "active_duration" | "workout_type" | "workout_duration" | "workout_distance" | "workout_calories" | "workout_heart_rate" | "workout_max_heart_rate" | "workout_steps")[];
                    /** @description First local day, inclusive (YYYY-MM-DD) */
                    start: string;
                };
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One series per measurement asked, in that order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserSeries"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-day figures: steps, weight, fat %, blood pressure, resting heart rate, sleep duration and efficiency, AFib flags */
        get: {
            parameters: {
                query: {
                    /** @description Calendar date, YYYY-MM-DD */
                    end_date: string;
                    /** @description Calendar date, YYYY-MM-DD */
                    start_date: string;
                };
                header?: never;
                path: {
                    /** @description Terra user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per day with data */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DaySummaryList"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a connection for a reference id: a Terra widget session or a direct auth link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConnectRequest"];
                };
            };
            responses: {
                /** @description Open `url` in a browser */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConnectResponse"];
                    };
                };
                /** @description Invalid parameters (the message and `issues` name the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Internal error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Terra failed or refused */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        BackfillCreate: {
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            end_date: string;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            start_date: string;
            /** @description Terra data types, e.g. ["body", "sleep"] */
            types: string[];
        };
        BackfillJob: {
            created_at: string;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            end_date: string;
            error: string | null;
            finished_at: string | null;
            id: number;
            progress: {
                /** @description Documents stored by the job so far */
                documents: number;
                windows_done: number;
                windows_failed: number;
                /** @description Not yet done or failed (queued, leased, waiting for the webhook) */
                windows_pending: number;
                windows_total: number;
            };
            requested_by: string | null;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            start_date: string;
            /** @description queued, running, waiting, done, failed or cancelled */
            status: string;
            types: string[];
            updated_at: string | null;
            user_id: string;
        };
        BackfillJobPage: {
            data: components["schemas"]["BackfillJob"][];
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
        };
        BackfillPass: {
            documents: {
                inserted: number;
                unchanged: number;
                updated: number;
            };
            /** @description Errors by code (`transient_exhausted ×3`), with the message of errors about the whole pass */
            error_summary: string | null;
            errors: number;
            finished_at: string;
            id: number;
            /** @description Records of Terra's answers that failed validation (not stored) */
            invalid_records: number;
            /**
             * @description run: every active connection (cron, --every); user: one user
             * @enum {string}
             */
            kind: "run" | "user";
            /** @description Every due window succeeded (the command's exit code 0) */
            ok: boolean;
            /** @description The pass's id in the backfill's log lines and summary */
            pass: string;
            /** @description Requests to Terra */
            requests: number;
            started_at: string;
            users_active: number;
            warnings: number;
            windows: {
                deferred: number;
                done: number;
                failed: number;
                planned: number;
            };
        };
        BackfillPassPage: {
            /** @description Failed `run` passes since the latest successful one */
            consecutive_failed: number;
            data: components["schemas"]["BackfillPass"][];
            /** @description End of the latest successful `run` pass; null if none succeeded */
            last_success_at: string | null;
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
        };
        Change: {
            /** @enum {string} */
            change: "created" | "revised";
            /**
             * @description Date part of metadata.start_time as Terra wrote it
             * @example 2026-07-01
             */
            date: string | null;
            /** @description With documents=true: the record's document as stored */
            document?: {
                [key: string]: unknown;
            };
            /** @description Natural key of the record (summary id, or the day) */
            key: string;
            /** @description 1 when created; one more each time its document changed or it moved */
            revision: number;
            /** @description Terra data type (daily, body, sleep, activity, …) */
            type: string;
            updated_at: string;
            user_id: string;
        };
        /**
         * @example {
         *       "data": [
         *         {
         *           "type": "daily",
         *           "user_id": "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
         *           "key": "2026-03-02",
         *           "date": "2026-03-02",
         *           "revision": 3,
         *           "change": "revised",
         *           "updated_at": "2026-03-02T21:40:12.345Z"
         *         }
         *       ],
         *       "next_cursor": "YzEuNzczNjEuMi41MjE",
         *       "has_more": false
         *     }
         */
        ChangePage: {
            data: components["schemas"]["Change"][];
            /** @description The page is full: poll again at once */
            has_more: boolean;
            /** @description Pass as `after` on the next poll. Never null: with no new change it is the `after` given */
            next_cursor: string;
        };
        ConnectRequest: {
            /** Format: uri */
            auth_failure_redirect_url?: string;
            /** Format: uri */
            auth_success_redirect_url?: string;
            language?: string;
            /**
             * @description `widget`: Terra's hosted provider picker; `link`: a direct authenticateUser URL
             * @default widget
             * @enum {string}
             */
            mode: "widget" | "link";
            /**
             * @description For `link` (and the widget's list)
             * @default WITHINGS
             */
            provider: string;
            /** @description Your id for the person */
            reference_id: string;
        };
        ConnectResponse: {
            /** @description Seconds */
            expires_in: number | null;
            /** @enum {string} */
            mode: "widget" | "link";
            reference_id: string;
            session_id: string | null;
            /** @description Open in a browser tab, never a WebView or iframe */
            url: string;
            /** @description Known at once for `link`; for `widget`, after the auth webhook */
            user_id: string | null;
        };
        Coverage: {
            /** @description Days the coverage ledger marks as fetched */
            days_covered: number;
            /**
             * @description Earliest day with a record
             * @example 2026-07-01
             */
            first_date: string | null;
            /**
             * @description Latest day with a record
             * @example 2026-07-01
             */
            last_date: string | null;
            last_received_at: string | null;
            /** @description The ledger's inclusive ranges, in order */
            ranges: {
                /**
                 * @description Calendar date, YYYY-MM-DD
                 * @example 2026-07-01
                 */
                end_date: string;
                fetched_at: string;
                source: string;
                /**
                 * @description Calendar date, YYYY-MM-DD
                 * @example 2026-07-01
                 */
                start_date: string;
            }[];
            /** @description Records stored */
            records: number;
            type: string;
        };
        CoverageList: {
            data: components["schemas"]["Coverage"][];
            user_id: string;
        };
        DaySummary: {
            active_calories: number | null;
            /** @description AFib classifications flagged positive that day (ECG and cuff); null when none were taken */
            afib_positive_count: number | null;
            bodyfat_percentage: number | null;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            date: string;
            diastolic_bp: number | null;
            distance_meters: number | null;
            resting_hr_bpm: number | null;
            /** @description Asleep, summed over the night's sessions */
            sleep_duration_seconds: number | null;
            /** @description Percent 0–100, mean over the day's sessions (Terra sends a fraction or a percent; a value ≤ 1 is read as a fraction) */
            sleep_efficiency: number | null;
            steps: number | null;
            /** @description mmHg, the day's average */
            systolic_bp: number | null;
            weight_kg: number | null;
        };
        DaySummaryList: {
            data: components["schemas"]["DaySummary"][];
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            end_date: string;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            start_date: string;
            user_id: string;
        };
        DisconnectResponse: {
            /** @enum {string} */
            status: "active" | "deauthorized" | "revoked" | "error";
            /**
             * @description `already_gone`: Terra no longer knew the user (404), which is what we wanted
             * @enum {string}
             */
            terra: "deauthenticated" | "already_gone";
            user_id: string;
        };
        EraseResponse: {
            /** @description Rows deleted per table */
            deleted: {
                [key: string]: number;
            };
            /** @description False when there was nothing left to erase (a repeat) */
            erased: boolean;
            /** @enum {string} */
            terra: "deauthenticated" | "already_gone" | "skipped";
            user_id: string;
        };
        /** @description Every non-2xx answer has this body */
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "terra_error" | "internal_error" | "bad_signature" | "payload_too_large" | "request_timeout" | "overloaded" | "database_unavailable" | "shutting_down";
                /** @description Present on `invalid_request`: one entry per invalid field */
                issues?: {
                    /** @description Dotted path of the offending field, e.g. `query.start_date` */
                    field: string;
                    message: string;
                }[];
                /** @description Human-readable; a validation error names the field */
                message: string;
                /** @description Also sent as the `x-request-id` response header */
                requestId: string;
            };
        };
        Event: {
            attempts: number;
            body_bytes: number;
            /** @description Why it failed (the validation error, for instance) */
            error: string | null;
            id: number;
            processed_at: string | null;
            received_at: string;
            reference: string | null;
            source: string;
            /**
             * @description received: acknowledged, waiting for processing; processed, ignored: done; partial: processed, some records failed (see error); failed: nothing applied (replayable); pending: waiting on an s3_payload download
             * @enum {string}
             */
            status: "received" | "processed" | "failed" | "ignored" | "pending" | "partial";
            /** @description Terra's event type as sent; null while the delivery waits for processing */
            type: string | null;
            user_id: string | null;
            /** @description What was accepted but not known (an enum code Terra added, for instance): the records were kept */
            warnings: {
                code: string;
                message: string;
                path: string;
            }[];
        };
        EventDetail: {
            attempts: number;
            body_bytes: number;
            /** @description Why it failed (the validation error, for instance) */
            error: string | null;
            /** @description False once the retention purge has removed the raw body (no replay then) */
            has_body: boolean;
            id: number;
            processed_at: string | null;
            received_at: string;
            reference: string | null;
            source: string;
            /**
             * @description received: acknowledged, waiting for processing; processed, ignored: done; partial: processed, some records failed (see error); failed: nothing applied (replayable); pending: waiting on an s3_payload download
             * @enum {string}
             */
            status: "received" | "processed" | "failed" | "ignored" | "pending" | "partial";
            /** @description Terra's event type as sent; null while the delivery waits for processing */
            type: string | null;
            user_id: string | null;
            /** @description What was accepted but not known (an enum code Terra added, for instance): the records were kept */
            warnings: {
                code: string;
                message: string;
                path: string;
            }[];
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
        };
        Health: {
            /** @enum {string} */
            database: "up" | "down";
            ok: boolean;
        };
        /**
         * @example {
         *       "name": "systolic_bp",
         *       "code": 10,
         *       "label": "Systolic",
         *       "group": "blood_pressure",
         *       "unit": "mm[Hg]",
         *       "model": "body",
         *       "path": "blood_pressure_data.blood_pressure_samples[].systolic_bp",
         *       "time": "blood_pressure_data.blood_pressure_samples[].timestamp",
         *       "kind": "point",
         *       "aggregation": "mean",
         *       "default": true,
         *       "description": "Systolic blood pressure of one cuff reading"
         *     }
         */
        Measurement: {
            /**
             * @description How a bucket's `value` combines its points
             * @enum {string}
             */
            aggregation: "mean" | "sum" | "min" | "max" | "last";
            /** @description Stable number stored in the database */
            code: number;
            /** @description Kept unless MEASUREMENTS leaves it out; high-frequency samples are opt-in */
            default: boolean;
            description: string;
            /** @description Values are codes of this enum of @wearables/schemas */
            enum?: string;
            fraction_or_percent?: boolean;
            /** @enum {string} */
            group: "body_composition" | "blood_pressure" | "heart" | "ecg" | "oxygen" | "temperature" | "sleep" | "activity" | "workout";
            /** @enum {string} */
            kind: "point" | "daily" | "nightly" | "session";
            label: string;
            /**
             * @description Terra model the value comes from
             * @enum {string}
             */
            model: "body" | "daily" | "sleep" | "activity";
            name: string;
            /** @description Path in the model; `[]` crosses an array */
            path: string;
            skip_when?: {
                [key: string]: number;
            };
            /** @description Path of the value's time */
            time: string;
            /** @description UCUM code */
            unit: string;
        };
        MeasurementList: {
            data: components["schemas"]["Measurement"][];
        };
        Record: {
            /**
             * @description Date part of metadata.start_time as Terra wrote it
             * @example 2026-07-01
             */
            date: string | null;
            /** @description The Terra model, whole (see @wearables/schemas) */
            document: {
                [key: string]: unknown;
            };
            /** @description Natural key (summary_id, or the day) */
            key: string;
            received_at: string;
            /** @description webhook, backfill or replay */
            source: string;
        };
        RecordPage: {
            data: components["schemas"]["Record"][];
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
        };
        ReplayRequest: {
            ids?: number[];
            /** @default 100 */
            limit: number;
            /**
             * @description Without ids: replay events in this status
             * @enum {string}
             */
            status?: "received" | "processed" | "failed" | "ignored" | "pending" | "partial";
            type?: string;
        };
        ReplayResponse: {
            replayed: number;
            results: components["schemas"]["ReplayResult"][];
        };
        ReplayResult: {
            error: string | null;
            id: number;
            /** @description The event's status after the replay */
            status: string;
        };
        Series: {
            /** @enum {string} */
            aggregation: "mean" | "sum" | "min" | "max" | "last";
            /**
             * @description bucket=hour, day, week or month
             * @example {
             *       "start": [
             *         "2026-03-02",
             *         "2026-03-03"
             *       ],
             *       "count": [
             *         2,
             *         1
             *       ],
             *       "min": [
             *         128,
             *         133
             *       ],
             *       "max": [
             *         141,
             *         133
             *       ],
             *       "value": [
             *         134.5,
             *         133
             *       ]
             *     }
             */
            buckets?: {
                count: number[];
                max: number[];
                min: number[];
                /** @description First local day (YYYY-MM-DD) or, for hours, YYYY-MM-DDTHH:00 local */
                start: string[];
                /** @description The points combined by the measurement's aggregation (mean, sum, min, max, last) */
                value: number[];
            };
            /** @enum {string} */
            kind: "point" | "daily" | "nightly" | "session";
            label: string;
            measurement: string;
            /**
             * @description bucket=raw
             * @example {
             *       "t": [
             *         "2026-03-02T07:12:00+01:00",
             *         "2026-03-02T19:40:00+01:00"
             *       ],
             *       "v": [
             *         141,
             *         128
             *       ],
             *       "key": [
             *         "2026-03-02",
             *         "2026-03-02"
             *       ]
             *     }
             */
            points?: {
                /** @description Natural key of the source record (GET /v1/users/{id}/{model} finds it) */
                key: string[];
                /** @description Time as Terra wrote it: local wall clock, with the offset when Terra gave one */
                t: string[];
                v: number[];
            };
            /** @description raw only: more points than `limit` exist; narrow the range or bucket */
            truncated: boolean;
            /** @description UCUM code */
            unit: string;
        };
        Stats: {
            /** @description The processing backlog behind the inbox */
            backlog: {
                /** @description 0 when nothing waits */
                oldest_age_seconds: number;
                /** @description Receipt of the oldest waiting delivery */
                oldest_received_at: string | null;
                /** @description Of them, waiting for a retry after a database failure */
                retrying: number;
                /** @description Acknowledged deliveries not processed yet (every replica's) */
                waiting: number;
                waiting_bytes: number;
            };
            connections: {
                count: number;
                status: string;
            }[];
            /** @description Inbox deliveries per UTC day of receipt, by event type and status */
            deliveries: {
                count: number;
                /**
                 * @description Calendar date, YYYY-MM-DD
                 * @example 2026-07-01
                 */
                day: string;
                outcome: string;
                type: string;
            }[];
            /** @description Inbox deliveries received in the 24 hours before the answer, by event type and status */
            deliveries_last_24h: {
                count: number;
                outcome: string;
                type: string;
            }[];
            /** @description Events currently in status failed */
            failed_events: number;
        };
        /**
         * @example {
         *       "measurement": "systolic_bp",
         *       "unit": "mm[Hg]",
         *       "start": "2026-03-02",
         *       "end": "2026-03-08",
         *       "min": 140,
         *       "max": null,
         *       "data": [
         *         {
         *           "user_id": "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
         *           "count": 3,
         *           "min": 141,
         *           "max": 152,
         *           "first": "2026-03-02T07:12:00",
         *           "last": "2026-03-06T08:01:00"
         *         }
         *       ],
         *       "next_cursor": null
         *     }
         */
        ThresholdPage: {
            data: components["schemas"]["ThresholdRow"][];
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            end: string;
            max: number | null;
            measurement: string;
            min: number | null;
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            start: string;
            unit: string;
        };
        ThresholdRow: {
            /** @description Points in the range within [min, max] */
            count: number;
            /** @description Local time of the first such point (wall clock as written, no offset) */
            first: string;
            last: string;
            max: number;
            min: number;
            user_id: string;
        };
        TokenInfo: {
            /** @description The token's name, as the audit log records it */
            name: string;
            /**
             * @description `read`: every GET; `admin`: writes too
             * @enum {string}
             */
            role: "read" | "admin";
        };
        User: {
            connected_at: string | null;
            /** @description ISO-8601 */
            created_at: string;
            deauthorized_at: string | null;
            last_event_at: string | null;
            provider: string;
            reference_id: string | null;
            /** @description Set after a user_reauth: the new Terra user id */
            replaced_by: string | null;
            replaces: string | null;
            scopes: string | null;
            /** @enum {string} */
            status: "active" | "deauthorized" | "revoked" | "error";
            status_reason: string | null;
            updated_at: string;
            user_id: string;
        };
        UserDetail: {
            connected_at: string | null;
            coverage: components["schemas"]["Coverage"][];
            /** @description ISO-8601 */
            created_at: string;
            deauthorized_at: string | null;
            last_event_at: string | null;
            provider: string;
            reference_id: string | null;
            /** @description Set after a user_reauth: the new Terra user id */
            replaced_by: string | null;
            replaces: string | null;
            scopes: string | null;
            /** @enum {string} */
            status: "active" | "deauthorized" | "revoked" | "error";
            status_reason: string | null;
            updated_at: string;
            user_id: string;
        };
        UserPage: {
            data: components["schemas"]["User"][];
            /** @description Pass as `cursor` for the next page; null at the end */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "user_id": "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
         *       "start": "2026-03-01",
         *       "end": "2026-03-07",
         *       "bucket": "day",
         *       "series": [
         *         {
         *           "measurement": "systolic_bp",
         *           "label": "Systolic",
         *           "unit": "mm[Hg]",
         *           "kind": "point",
         *           "aggregation": "mean",
         *           "truncated": false,
         *           "buckets": {
         *             "start": [
         *               "2026-03-02"
         *             ],
         *             "count": [
         *               2
         *             ],
         *             "min": [
         *               128
         *             ],
         *             "max": [
         *               141
         *             ],
         *             "value": [
         *               134.5
         *             ]
         *           }
         *         }
         *       ]
         *     }
         */
        UserSeries: {
            /** @enum {string} */
            bucket: "raw" | "hour" | "day" | "week" | "month";
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            end: string;
            series: components["schemas"]["Series"][];
            /**
             * @description Calendar date, YYYY-MM-DD
             * @example 2026-07-01
             */
            start: string;
            user_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
